import { sql, type SQL } from 'drizzle-orm';
import type { SearchProductsInput } from '@makeries/shared';
import type { SearchCursor } from './cursor';
import { pgTextArray, tsquerySql, type SearchText } from './query-text';
import type { SortSpec } from './sort';
import { vendorConditions, type VendorScope } from './vendor-scope';

/**
 * Work limits of one search, so its cost does not grow with the catalog (DESIGN §9):
 * - `sample`: at most this many matching products are read in index order to decide how wide the match set is.
 *   When all matches fit, everything is exact (every match ranked, exact facets and total). Otherwise the match
 *   set is "wide" and the sample only feeds facet and total estimates.
 * - `pool`: on a wide match set, relevance ranks only the `pool` most popular matches (found by walking the
 *   popularity index or the text index, whichever the planner finds cheaper); pages after the pool continue in
 *   popularity order.
 */
export interface SearchLimits {
  sample: number;
  pool: number;
}

export const SEARCH_LIMITS: SearchLimits = { sample: 200, pool: 48 };

/** Everything the search statements need, gathered before they run. */
export interface ProductSearchPlan {
  input: SearchProductsInput;
  text: SearchText | null;
  spec: SortSpec;
  cursor: SearchCursor | null;
  /** eligible vendors listed up front (location, open now, one vendor), or null for every approved vendor */
  scope: VendorScope | null;
  withFacets: boolean;
  limits: SearchLimits;
}

/** Product-level filters over `p` (products); the vendor ones are applied through the vendor CTE `v`. */
export function productConditions(plan: ProductSearchPlan): SQL[] {
  const { input, text } = plan;
  const conds: SQL[] = [sql`p.online_visible`, sql`NOT p.archived`, sql`NOT p.moderation_hidden`];
  // repeated from the join as a constant array, so the planner can AND the vendor index with the text index
  if (plan.scope) conds.push(sql`p.vendor_id = ANY(${pgTextArray(plan.scope.ids)}::uuid[])`);
  if (text) conds.push(sql`p.search_vector @@ ${tsquerySql(text.tsquery)}`);
  const slugs = [...(input.categorySlug ? [input.categorySlug] : []), ...(input.categorySlugs ?? [])];
  if (slugs.length > 0) {
    conds.push(sql`p.category_id IN (SELECT id FROM categories WHERE vendor_id IS NULL AND slug = ANY(${pgTextArray(slugs)}::text[]))`);
  }
  if (input.dietary && input.dietary.length > 0) conds.push(sql`p.dietary_tags @> ${pgTextArray(input.dietary)}::text[]`);
  if (input.priceMin !== undefined) conds.push(sql`p.min_price_cents >= ${input.priceMin}::int`);
  if (input.priceMax !== undefined) conds.push(sql`p.min_price_cents <= ${input.priceMax}::int`);
  if (input.inStock) conds.push(sql`p.in_stock`);
  return conds;
}

/** The columns every page row carries besides sort_key, past_pool and ord; `p` is a products-shaped relation. */
export const ROW_COLUMNS = sql`p.id, p.vendor_id, p.category_id, p.name, p.min_price_cents, p.in_stock, p.dietary_tags`;

/** `v(id, distance_m)`: the scoped vendors as a constant list, or every approved vendor matching the filters. */
export function vendorCte(plan: ProductSearchPlan): SQL {
  const { scope } = plan;
  if (!scope) {
    return sql`SELECT vv.id, NULL::int AS distance_m FROM vendors vv WHERE ${sql.join(vendorConditions(plan.input, 'vv'), sql` AND `)}`;
  }
  const ids = sql`${pgTextArray(scope.ids)}::uuid[]`;
  const distances = scope.distances ? sql`${`{${scope.distances.join(',')}}`}::int[]` : sql`NULL::int[]`;
  return sql`SELECT * FROM unnest(${ids}, ${distances}) AS s(id, distance_m)`;
}

/** The page (CTE `page`: ROW_COLUMNS, sort_key, past_pool, ord) as JSON items, with vendor, category, distance, thumbnail. */
export const ITEMS_SQL = sql`(
  SELECT coalesce(json_agg(json_build_object(
      'id', page.id, 'name', page.name, 'minPriceCents', page.min_price_cents, 'inStock', page.in_stock,
      'dietaryTags', page.dietary_tags, 'categorySlug', c.slug, 'sortKey', page.sort_key::text, 'pastPool', page.past_pool,
      'vendorId', vd.id, 'vendorSlug', vd.slug, 'vendorName', vd.name, 'currency', vd.currency,
      'distanceMeters', dv.distance_m,
      'thumb', (SELECT pi.thumb_path FROM product_images pi WHERE pi.product_id = page.id ORDER BY pi.sort, pi.id LIMIT 1)
    ) ORDER BY page.ord), '[]'::json)
  FROM page JOIN vendors vd ON vd.id = page.vendor_id LEFT JOIN v dv ON dv.id = page.vendor_id
    LEFT JOIN categories c ON c.id = page.category_id AND c.vendor_id IS NULL
)`;

