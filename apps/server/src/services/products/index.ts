import {
  AppError,
  uuidv7,
  type ProductCreateInput,
  type ProductUpdateInput,
  type VariantInput,
  type VariantUpsertInput,
  type PosProvider,
} from '@makeries/shared';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { categories, products, variants, vendors } from '../../db/schema/index';
import { refreshProductDenorm } from './denorm';
import { getProduct, type ProductDetail } from './reads';
import { assertUniqueKeys, mapUniqueRace, normaliseBarcode } from './variant-rules';
import { assertProductPatch, assertVariantWrite, marksDescriptionEdited, type ProductWriteOptions } from './pos-owned';
import { recordSearchWords } from '../search-words';

export { getProduct, listProducts, type ProductDetail } from './reads';
export { refreshProductDenorm } from './denorm';
export { assertStockEditable, type ProductWriteOptions } from './pos-owned';

/** A product is filed under a marketplace category or one of its own shop's; another shop's is unknown here. */
async function categoryName(tx: Tx, vendorId: string, categoryId: string | null): Promise<string | null> {
  if (!categoryId) return null;
  const [c] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(eq(categories.id, categoryId), or(isNull(categories.vendorId), eq(categories.vendorId, vendorId))));
  if (!c) {
    throw new AppError('BAD_INPUT', 'That category does not exist.', {
      issues: [{ path: 'categoryId', message: 'Pick a marketplace category or one of your shop’s' }],
    });
  }
  return c.name;
}

async function vendorName(tx: Tx, vendorId: string): Promise<string> {
  const [v] = await tx.select({ name: vendors.name }).from(vendors).where(eq(vendors.id, vendorId));
  if (!v) throw new AppError('NOT_FOUND', 'That shop does not exist.');
  return v.name;
}

function variantRow(vendorId: string, productId: string, v: VariantInput & { id: string; archived?: boolean }) {
  return {
    id: v.id,
    productId,
    vendorId,
    name: v.name,
    sku: v.sku,
    barcode: normaliseBarcode(v.barcode, v.sku),
    priceCents: v.priceCents,
    taxClass: v.taxClass,
    soldBy: v.soldBy,
    trackStock: v.trackStock,
    lowStockThreshold: v.lowStockThreshold,
    sort: v.sort,
    archived: v.archived ?? false,
  };
}

/** Makes every text of the product findable and typo-correctable: denormalised columns + search words. */
async function afterWrite(tx: Tx, productId: string, words: (string | null)[]): Promise<void> {
  await refreshProductDenorm(tx, { productIds: [productId] });
  const texts = words.filter((w): w is string => w !== null);
  if (texts.length > 0) await recordSearchWords(tx, texts);
}

/**
 * A product and its variants, all or nothing. SKUs/barcodes must be unique in the shop. The bridge engine
 * creates bridged products with `{ bridge: true, pos: { provider, editUrl } }` (see pos-owned.ts).
 */
export async function createProduct(db: DbOrTx, vendorId: string, input: ProductCreateInput, opts: ProductWriteOptions = {}): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    const productId = input.id ?? uuidv7();
    const [existing] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId));
    if (existing) throw new AppError('DUPLICATE', 'A product with this id already exists.', { details: { field: 'id', productId } });
    const catName = await categoryName(tx, vendorId, input.categoryId);
    const rows = input.variants.map((v) => variantRow(vendorId, productId, { ...v, id: v.id ?? uuidv7() }));
    await assertUniqueKeys(tx, vendorId, input.name, rows);
    await mapUniqueRace(async () => {
      await tx.insert(products).values({
        id: productId,
        vendorId,
        categoryId: input.categoryId,
        name: input.name,
        description: input.description,
        dietaryTags: input.dietaryTags,
        onlineVisible: input.onlineVisible,
        ...posColumns(opts),
      });
      await tx.insert(variants).values(rows);
    });
    await afterWrite(tx, productId, [input.name, catName, await vendorName(tx, vendorId)]);
    return getProduct(tx, productId, vendorId);
  });
}

/** The provider and edit link, written only by the bridge engine. */
function posColumns(opts: ProductWriteOptions): { posProvider?: PosProvider | null; posEditUrl?: string | null } {
  if (opts.bridge !== true || opts.pos === undefined) return {};
  return { posProvider: opts.pos?.provider ?? null, posEditUrl: opts.pos?.editUrl ?? null };
}

async function lockProduct(tx: Tx, vendorId: string, productId: string) {
  const [p] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.vendorId, vendorId)))
    .for('update');
  if (!p) throw new AppError('NOT_FOUND', 'That product does not exist.');
  return p;
}

/**
 * Edits product fields (name, description, category, dietary tags, online visibility). A bridged product's
 * name is its POS's (refused here); a description changed here on it is marked as edited here.
 */
export async function updateProduct(db: DbOrTx, vendorId: string, input: ProductUpdateInput, opts: ProductWriteOptions = {}): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    const current = await lockProduct(tx, vendorId, input.productId);
    assertProductPatch(current, { name: input.name }, opts);
    const descriptionEdited = marksDescriptionEdited(current, input.description, opts) ? true : undefined;
    const categoryChanged = input.categoryId !== undefined && input.categoryId !== current.categoryId;
    const catName = categoryChanged ? await categoryName(tx, vendorId, input.categoryId ?? null) : null;
    await tx
      .update(products)
      .set({
        name: input.name,
        description: input.description,
        categoryId: input.categoryId,
        dietaryTags: input.dietaryTags,
        onlineVisible: input.onlineVisible,
        descriptionEdited,
        ...posColumns(opts),
        updatedAt: sql`now()`,
      })
      .where(eq(products.id, current.id));
    // only new names feed the typo vocabulary, so re-saving a product does not inflate its words' weight
    const renamed = input.name !== undefined && input.name !== current.name;
    await afterWrite(tx, current.id, [renamed ? (input.name ?? null) : null, catName]);
    return getProduct(tx, current.id, vendorId);
  });
}

/** Adds a variant, or replaces one of this product's variants when the id exists (a bridged product's: Makeries-owned fields only). */
export async function upsertVariant(db: DbOrTx, vendorId: string, input: VariantUpsertInput, opts: ProductWriteOptions = {}): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    const product = await lockProduct(tx, vendorId, input.productId);
    const id = input.id ?? uuidv7();
    const [existing] = await tx.select().from(variants).where(eq(variants.id, id));
    if (existing && (existing.vendorId !== vendorId || existing.productId !== product.id)) {
      throw new AppError('NOT_FOUND', 'That variant does not belong to this product.');
    }
    const row = variantRow(vendorId, product.id, { ...input, id });
    assertVariantWrite(product, existing, row, opts);
    await assertUniqueKeys(tx, vendorId, product.name, [row]);
    if (row.archived) {
      const [other] = await tx
        .select({ id: variants.id })
        .from(variants)
        .where(and(eq(variants.productId, product.id), eq(variants.archived, false), ne(variants.id, id)))
        .limit(1);
      if (!other) {
        throw new AppError('BAD_INPUT', 'A product needs at least one active variant. Archive the product instead.', {
          issues: [{ path: 'archived', message: 'This is the last active variant' }],
        });
      }
    }
    await mapUniqueRace(async () => {
      if (existing) {
        await tx.update(variants).set({ ...row, updatedAt: sql`now()` }).where(eq(variants.id, id));
      } else {
        await tx.insert(variants).values(row);
      }
    });
    await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, product.id));
    await afterWrite(tx, product.id, []);
    return getProduct(tx, product.id, vendorId);
  });
}

/** Archived products leave the storefront and the counter's catalog but keep their history (a bridged one's archive state is its POS's). */
export async function archiveProduct(
  db: DbOrTx,
  vendorId: string,
  input: { productId: string; archived: boolean },
  opts: ProductWriteOptions = {},
): Promise<ProductDetail> {
  return db.transaction(async (tx) => {
    const current = await lockProduct(tx, vendorId, input.productId);
    assertProductPatch(current, { archived: input.archived }, opts);
    await tx.update(products).set({ archived: input.archived, updatedAt: sql`now()` }).where(eq(products.id, current.id));
    await afterWrite(tx, current.id, []);
    return getProduct(tx, current.id, vendorId);
  });
}
