import { sql, type SQL } from 'drizzle-orm';
import type { SearchProductsInput } from '@makeries/shared';
import type { SearchCursor } from './cursor';
import { facetsSql } from './facets';
import { pgTextArray, tsquerySql, type SearchText } from './query-text';
import { afterCursorSql, orderBySql, type SortSpec } from './sort';
import { vendorConditions, type VendorScope } from './vendor-scope';

/** Everything the one search statement needs, gathered before it runs. */
export interface ProductSearchPlan {
  input: SearchProductsInput;
  text: SearchText | null;
  spec: SortSpec;
  cursor: SearchCursor | null;
  /** eligible vendors listed up front (location, open now, one vendor), or null for every approved vendor */
  scope: VendorScope | null;
  withFacets: boolean;
}

/** `v(id, distance_m)`: the scoped vendors as a constant list, or every approved vendor matching the filters. */
function vendorCte(plan: ProductSearchPlan): SQL {
  const { scope } = plan;
  if (!scope) {
    return sql`SELECT vv.id, NULL::int AS distance_m FROM vendors vv WHERE ${sql.join(vendorConditions(plan.input, 'vv'), sql` AND `)}`;
  }
  const ids = sql`${pgTextArray(scope.ids)}::uuid[]`;
  const distances = scope.distances ? sql`${`{${scope.distances.join(',')}}`}::int[]` : sql`NULL::int[]`;
  return sql`SELECT * FROM unnest(${ids}, ${distances}) AS s(id, distance_m)`;
}

/** Product-level filters; the vendor ones are applied by joining the vendor CTE. */
function productConditions(plan: ProductSearchPlan): SQL[] {
  const { input, text } = plan;
  const conds: SQL[] = [sql`p.online_visible`, sql`NOT p.archived`];
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

const ITEMS_SQL = (plan: ProductSearchPlan) => sql`(
  SELECT coalesce(json_agg(json_build_object(
      'id', page.id, 'name', page.name, 'minPriceCents', page.min_price_cents, 'inStock', page.in_stock,
      'dietaryTags', page.dietary_tags, 'categorySlug', c.slug, 'sortKey', page.sort_key::text,
      'vendorId', vd.id, 'vendorSlug', vd.slug, 'vendorName', vd.name, 'currency', vd.currency,
      'distanceMeters', page.distance_m,
      'thumb', (SELECT pi.thumb_path FROM product_images pi WHERE pi.product_id = page.id ORDER BY pi.sort, pi.id LIMIT 1)
    ) ORDER BY ${orderBySql(plan.spec, 'page')}), '[]'::json)
  FROM page JOIN vendors vd ON vd.id = page.vendor_id LEFT JOIN categories c ON c.id = page.category_id AND c.vendor_id IS NULL
)`;

/**
 * The whole search as one statement (one round trip, one pass over the matches): `v` the eligible vendors,
 * `f` the matching products with their sort key, `page` one page after the cursor, plus facet counts over `f`.
 * Fetches limit + 1 rows to know whether another page exists.
 */
export function productSearchSql(plan: ProductSearchPlan): SQL {
  const { spec } = plan;
  const pageConds = plan.cursor ? sql`WHERE ${afterCursorSql(spec, plan.cursor, 'f')}` : sql``;
  const facets = plan.withFacets
    ? facetsSql()
    : sql`NULL::json AS facet_counts, NULL::json AS dietary`;
  return sql`WITH v AS (${vendorCte(plan)}),
    f AS (
      SELECT p.id, p.vendor_id, p.category_id, p.name, p.min_price_cents, p.in_stock, p.dietary_tags, v.distance_m,
        ${spec.key} AS sort_key
      FROM products p JOIN v ON v.id = p.vendor_id
      WHERE ${sql.join(productConditions(plan), sql` AND `)}
    ),
    page AS (SELECT * FROM f ${pageConds} ORDER BY ${orderBySql(spec, 'f')} LIMIT ${plan.input.limit + 1})
    SELECT ${ITEMS_SQL(plan)} AS items, ${facets}`;
}
