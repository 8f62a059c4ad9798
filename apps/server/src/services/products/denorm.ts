import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { uuidList } from '../inventory/levels';

/**
 * Recomputes the storefront's denormalised product columns:
 *  - min_price_cents: cheapest non-archived variant,
 *  - in_stock: some non-archived variant is untracked or has on_hand − reserved > 0,
 *  - search_extra (weight B of the search vector): category name, vendor name, variant names, SKUs,
 *    barcodes and dietary tags.
 * Call it in the same transaction as every product/variant write, and after a vendor or category rename.
 */
export async function refreshProductDenorm(
  tx: DbOrTx,
  target: { productIds: readonly string[] } | { vendorId: string } | { categoryId: string },
): Promise<void> {
  let where;
  if ('vendorId' in target) where = sql`p.vendor_id = ${target.vendorId}`;
  else if ('categoryId' in target) where = sql`p.category_id = ${target.categoryId}`;
  else if (target.productIds.length > 0) where = sql`p.id IN (${uuidList(target.productIds)})`;
  else return;
  await tx.execute(sql`
    UPDATE products p SET
      min_price_cents = coalesce((SELECT min(v.price_cents) FROM variants v WHERE v.product_id = p.id AND NOT v.archived), 0),
      in_stock = EXISTS (
        SELECT 1 FROM variants v LEFT JOIN inventory_levels l ON l.variant_id = v.id
        WHERE v.product_id = p.id AND NOT v.archived
          AND (NOT v.track_stock OR coalesce(l.on_hand, 0) - coalesce(l.reserved, 0) > 0)),
      search_extra = concat_ws(' ',
        (SELECT c.name FROM categories c WHERE c.id = p.category_id),
        (SELECT ve.name FROM vendors ve WHERE ve.id = p.vendor_id),
        (SELECT string_agg(concat_ws(' ', nullif(v.name, 'Default'), v.sku, v.barcode), ' ' ORDER BY v.sort, v.id)
           FROM variants v WHERE v.product_id = p.id AND NOT v.archived),
        nullif(array_to_string(p.dietary_tags, ' '), ''))
    WHERE ${where}`);
}
