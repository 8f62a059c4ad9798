import { sql } from 'drizzle-orm';
import { SHOP_PAGE_DEFAULT, type PopularProduct, type PopularProductsInput } from '@makeries/shared';
import { queryRows, type DbOrTx } from '../../db/client';
import { mediaUrl } from '../search/media-url';
import { nearestShopRows } from './shop-directory';

interface PopularRow {
  id: string;
  name: string;
  min_price_cents: number;
  in_stock: boolean;
  dietary_tags: string[];
  category_slug: string | null;
  vendor_id: string;
  vendor_slug: string;
  vendor_name: string;
  currency: string;
  thumb: string | null;
}

/**
 * "Popular right now": the rollup's best sellers (a few per shop, services/rollups/refresh.ts) — of the whole
 * market, or with `near` of the first page of nearest shops. Visibility and stock are checked again here, so a
 * product hidden or sold out since the last refresh never shows; the rollup only decides the order.
 */
export async function popularProducts(db: DbOrTx, input: PopularProductsInput): Promise<PopularProduct[]> {
  const near = input.near ? await nearestShopRows(db, input.near, SHOP_PAGE_DEFAULT, null) : null;
  if (near?.length === 0) return [];
  const distance = new Map(near?.map((v) => [v.id, v.distance_m]) ?? []);
  const scope = near ? sql`AND r.vendor_id IN (${sql.join(near.map((v) => sql`${v.id}::uuid`), sql`, `)})` : sql``;
  const rows = await queryRows<PopularRow>(
    db,
    sql`SELECT p.id, p.name, p.min_price_cents, p.in_stock, p.dietary_tags, c.slug AS category_slug,
               v.id AS vendor_id, v.slug AS vendor_slug, v.name AS vendor_name, v.currency,
               (SELECT i.thumb_path FROM product_images i WHERE i.product_id = p.id ORDER BY i.sort, i.id LIMIT 1) AS thumb
        FROM product_rollups r
        JOIN products p ON p.id = r.product_id
        JOIN vendors v ON v.id = p.vendor_id
        LEFT JOIN categories c ON c.id = p.category_id
        WHERE p.online_visible AND NOT p.archived AND NOT p.moderation_hidden AND p.in_stock AND v.status = 'approved' ${scope}
        ORDER BY r.rank
        LIMIT ${input.limit}`,
  );
  return rows.map((r) => {
    const meters = distance.get(r.vendor_id);
    return {
      id: r.id,
      name: r.name,
      vendor: { id: r.vendor_id, slug: r.vendor_slug, name: r.vendor_name, ...(meters === undefined ? {} : { distanceMeters: meters }) },
      minPriceCents: r.min_price_cents,
      currency: r.currency,
      ...(r.thumb ? { imageThumb: mediaUrl(r.thumb) } : {}),
      inStock: r.in_stock,
      dietaryTags: r.dietary_tags,
      categorySlug: r.category_slug,
    };
  });
}
