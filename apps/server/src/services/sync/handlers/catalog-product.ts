import { AppError, type CatalogProductCreateArgs, type CatalogProductUpdateArgs, type CatalogVariantArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { products } from '../../../db/schema/index';
import { archiveProduct, createProduct, updateProduct, upsertVariant } from '../../products';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

function variantFields(v: CatalogVariantArgs) {
  return {
    id: v.id,
    name: v.name,
    sku: v.sku,
    barcode: v.barcode,
    priceCents: v.priceCents,
    taxClass: v.taxClass,
    soldBy: v.soldBy,
    trackStock: v.trackStock,
    lowStockThreshold: v.lowStockThreshold,
    sort: v.sort,
  };
}

async function ownerOf(tx: Tx, productId: string): Promise<string | null> {
  const [row] = await tx.select({ vendorId: products.vendorId }).from(products).where(eq(products.id, productId));
  return row?.vendorId ?? null;
}

/**
 * A product created in the counter's back office, through the same service as the server's own catalog
 * router (unique SKU/barcode per shop, search words, change feed). Idempotent on the product id.
 */
export async function applyCatalogProductCreate(tx: Tx, scope: ApplyScope, a: CatalogProductCreateArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const owner = await ownerOf(tx, a.productId);
  if (owner !== null) {
    if (owner !== scope.vendorId) throw new AppError('CONFLICT', 'This product id is already used by another shop on the server.');
    return;
  }
  await createProduct(tx, scope.vendorId, {
    id: a.productId,
    name: a.name,
    description: a.description,
    categoryId: a.categoryId,
    dietaryTags: [...new Set(a.dietaryTags)],
    onlineVisible: a.onlineVisible,
    variants: a.variants.filter((v) => !v.archived).map(variantFields),
  });
  // archived variants of a new product (rare: typed then retired before the first sync) keep their ids
  for (const v of a.variants.filter((x) => x.archived)) {
    await upsertVariant(tx, scope.vendorId, { ...variantFields(v), productId: a.productId, archived: true });
  }
}

/**
 * A patch of a product and whole replacements of the variants it lists. Applying the same patch twice leaves
 * the same state, so a resend is harmless. Variants first, so a product cannot end up with none active.
 */
export async function applyCatalogProductUpdate(tx: Tx, scope: ApplyScope, a: CatalogProductUpdateArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const owner = await ownerOf(tx, a.productId);
  if (owner !== scope.vendorId) throw new AppError('NOT_FOUND', 'This product is not in the shop’s catalog on the server.');
  const active = a.variants.filter((v) => !v.archived);
  for (const v of [...active, ...a.variants.filter((x) => x.archived)]) {
    await upsertVariant(tx, scope.vendorId, { ...variantFields(v), productId: a.productId, archived: v.archived });
  }
  const { name, description, categoryId, dietaryTags, onlineVisible } = a;
  if ([name, description, categoryId, dietaryTags, onlineVisible].some((x) => x !== undefined) || a.variants.length === 0) {
    await updateProduct(tx, scope.vendorId, {
      productId: a.productId,
      name,
      description,
      categoryId,
      dietaryTags: dietaryTags ? [...new Set(dietaryTags)] : undefined,
      onlineVisible,
    });
  }
  if (a.archived !== undefined) await archiveProduct(tx, scope.vendorId, { productId: a.productId, archived: a.archived });
}
