import { AppError, type ProductQuickAddArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { products } from '../../../db/schema/index';
import { createProduct } from '../../products';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

/**
 * A product quick-added at the counter for an unknown barcode. Created through the products service (unique
 * SKU/barcode checks, search words, denormalised columns, change feed) with the counter's ids, so the row the
 * counter pulls back replaces its optimistic copy. Idempotent on the product id: a resend after a lost answer
 * or an epoch change finds the product and writes nothing. A barcode or SKU the shop already uses is a
 * DUPLICATE rejection, shown at the counter.
 */
export async function applyProductQuickAdd(tx: Tx, scope: ApplyScope, a: ProductQuickAddArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const [existing] = await tx.select({ vendorId: products.vendorId }).from(products).where(eq(products.id, a.productId));
  if (existing) {
    if (existing.vendorId !== scope.vendorId) {
      throw new AppError('CONFLICT', 'This product id is already used by another shop on the server.', { details: { productId: a.productId } });
    }
    return;
  }
  await createProduct(tx, scope.vendorId, {
    id: a.productId,
    name: a.name,
    description: '',
    categoryId: a.categoryId,
    dietaryTags: [],
    // typed in a hurry at the till: it stays off the storefront until someone reviews it in the back office
    onlineVisible: false,
    variants: [
      {
        id: a.variantId,
        name: 'Default',
        sku: a.sku,
        barcode: a.barcode,
        priceCents: a.priceCents,
        taxClass: a.taxClass,
        soldBy: 'each',
        trackStock: a.trackStock,
        lowStockThreshold: 0,
        sort: 0,
      },
    ],
  });
}
