import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { variants, vendors } from '../../db/schema/index';

export interface OfflineShop {
  vendorId: string;
  name: string;
  variantIds: string[];
  message: string;
}

/**
 * Among cart items the storefront can no longer sell, those of a shop the marketplace has suspended: the customer
 * is told the shop by name ("<Shop> is not taking online orders right now") rather than "no longer available".
 */
export async function suspendedShopsOf(db: DbOrTx, variantIds: string[]): Promise<OfflineShop[]> {
  if (variantIds.length === 0) return [];
  const rows = await db
    .select({ variantId: variants.id, vendorId: vendors.id, name: vendors.name })
    .from(variants)
    .innerJoin(vendors, eq(vendors.id, variants.vendorId))
    .where(and(inArray(variants.id, variantIds), eq(vendors.status, 'suspended')));
  const shops = new Map<string, OfflineShop>();
  for (const r of rows) {
    const shop = shops.get(r.vendorId) ?? { vendorId: r.vendorId, name: r.name, variantIds: [], message: `${r.name} is not taking online orders right now.` };
    shop.variantIds.push(r.variantId);
    shops.set(r.vendorId, shop);
  }
  return [...shops.values()];
}
