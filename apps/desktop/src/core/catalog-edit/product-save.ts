import { AppError, posOwnedError, uuidv7, type CatalogVariantArgs, type MutationArgs } from '@makeries/shared';
import type { CoreContext } from '../context';
import { parseInput } from '../errors';
import { upsertEntity } from '../mirror/upsert';
import { assertCategory, assertTaxClasses, assertUniqueKeys, badInput, canonicalBarcode } from './checks';
import { commitEdit, type Queued, type Stamp } from './commit';
import { productFlagInput, productSaveInput, type ProductFlagInput, type ProductSaveInput } from './inputs';
import { checkBridgedSave, isBridged } from './pos-owned';
import { productById, type EditableProduct } from './reads';

type Parsed = ReturnType<typeof productSaveInput.parse>;

export interface SavedProduct extends Queued {
  productId: string;
  created: boolean;
}

function variantArgs(p: Parsed, current: EditableProduct | undefined, now: number): CatalogVariantArgs[] {
  const known = new Map((current?.variants ?? []).map((v) => [v.id, v]));
  const list = p.variants.map((v, i): CatalogVariantArgs => {
    if (v.id && !known.has(v.id)) throw badInput(`variants.${i}.id`, 'That variant is not part of this product.');
    return {
      id: v.id ?? uuidv7(now),
      name: v.name,
      sku: v.sku,
      barcode: canonicalBarcode(v.barcode, v.sku),
      priceCents: v.priceCents,
      taxClass: v.taxClass,
      soldBy: v.soldBy,
      trackStock: v.trackStock,
      lowStockThreshold: v.lowStockThreshold,
      sort: i,
      archived: v.archived,
    };
  });
  const listed = new Set(list.map((v) => v.id));
  const othersActive = [...known.values()].some((v) => !listed.has(v.id) && !v.archived);
  if (!othersActive && list.every((v) => v.archived)) {
    throw badInput('variants', 'A product needs at least one variant on sale. Archive the product instead.');
  }
  return list;
}

export type MirrorProduct = {
  name: string;
  categoryId: string | null;
  onlineVisible: boolean;
  archived: boolean;
  /** kept as the server sent them: an optimistic write must not unbridge the product */
  posProvider: string | null;
  posEditUrl: string | null;
};

/** The bridge columns of the product as the mirror has it (null for a new product). */
export function bridgeOf(current: EditableProduct | undefined): Pick<MirrorProduct, 'posProvider' | 'posEditUrl'> {
  return { posProvider: current?.posProvider ?? null, posEditUrl: current?.posEditUrl ?? null };
}

/** The same row shapes the change feed delivers, through the same upsert. */
export function mirrorWrite(ctx: CoreContext, productId: string, product: MirrorProduct, variants: readonly CatalogVariantArgs[]): void {
  upsertEntity(ctx.sqlite, 'product', productId, product);
  for (const v of variants) upsertEntity(ctx.sqlite, 'variant', v.id, { ...v, productId });
}

/**
 * Create (no productId) or update a product and the variants listed. The local catalog changes at once
 * (scannable, searchable: the FTS triggers index the mirror rows) and the edit is queued for the server;
 * the server's row, pulled back, replaces the optimistic one — or, on a rejection, puts the old one back.
 */
export function saveProduct(ctx: CoreContext, input: ProductSaveInput): Promise<SavedProduct> {
  const p = parseInput(productSaveInput, input);
  const productId = p.productId ?? uuidv7(ctx.now());
  return commitEdit(ctx, p.approval, 'edit the catalog', (stamp: Stamp) => {
    const current = p.productId ? productById(ctx, p.productId) : undefined;
    if (p.productId && !current) throw new AppError('NOT_FOUND', 'That product is not in this counter’s catalog any more.');
    assertCategory(ctx, p.categoryId);
    const variants = variantArgs(p, current, ctx.now());
    assertTaxClasses(ctx, variants.map((v) => v.taxClass));
    assertUniqueKeys(ctx, p.name, variants);
    // a bridged product: POS-owned fields as the POS has them, and only variants whose own fields changed are sent
    const sent = isBridged(current) ? checkBridgedSave(current, p.name, variants) : variants;
    const product = { name: p.name, categoryId: p.categoryId, onlineVisible: p.onlineVisible, archived: current?.archived ?? false, ...bridgeOf(current) };
    const mirror = () => mirrorWrite(ctx, productId, product, variants);
    const result = { productId, created: !current };
    if (!current) {
      const args: MutationArgs<'catalog.productCreate'> = {
        productId,
        name: p.name,
        description: p.description ?? '',
        categoryId: p.categoryId,
        dietaryTags: p.dietaryTags ?? [],
        onlineVisible: p.onlineVisible,
        variants,
        ...stamp,
      };
      return { queue: [{ name: 'catalog.productCreate', args }], mirror, result };
    }
    const args: MutationArgs<'catalog.productUpdate'> = {
      productId,
      ...(isBridged(current) ? {} : { name: p.name }),
      categoryId: p.categoryId,
      onlineVisible: p.onlineVisible,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.dietaryTags !== undefined ? { dietaryTags: p.dietaryTags } : {}),
      variants: sent,
      ...stamp,
    };
    return { queue: [{ name: 'catalog.productUpdate', args }], mirror, result };
  });
}

/** One flag of a product (online visibility or archived), straight from the list. */
export function setProductFlag(ctx: CoreContext, field: 'onlineVisible' | 'archived', input: ProductFlagInput): Promise<SavedProduct> {
  const p = parseInput(productFlagInput, input);
  const action = field === 'archived' ? (p.value ? 'archive a product' : 'restore a product') : 'change what the web shop shows';
  return commitEdit(ctx, p.approval, action, (stamp) => {
    const current = productById(ctx, p.productId);
    if (!current) throw new AppError('NOT_FOUND', 'That product is not in this counter’s catalog any more.');
    if (field === 'archived' && isBridged(current) && p.value !== current.archived) throw posOwnedError('edit', current, ['archived']);
    const product = {
      name: current.name,
      categoryId: current.categoryId,
      onlineVisible: current.onlineVisible,
      archived: current.archived,
      ...bridgeOf(current),
      [field]: p.value,
    };
    const args: MutationArgs<'catalog.productUpdate'> = { productId: p.productId, [field]: p.value, variants: [], ...stamp };
    return {
      queue: [{ name: 'catalog.productUpdate', args }],
      mirror: () => upsertEntity(ctx.sqlite, 'product', p.productId, product),
      result: { productId: p.productId, created: false },
    };
  });
}
