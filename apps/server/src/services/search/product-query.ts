import { sql, type SQL } from 'drizzle-orm';
import { facetsSql } from './facets';
import { ITEMS_SQL, productConditions, ROW_COLUMNS, vendorCte, type ProductSearchPlan } from './search-plan';
import { afterCursorSql, orderBySql } from './sort';

export { SEARCH_LIMITS, type ProductSearchPlan, type SearchLimits } from './search-plan';
export { wideSearchSql } from './wide-query';

/**
 * `s`: the first `sample` + 1 products matching every product-level filter, in whatever order the chosen index
 * yields them (the scan stops there), with `ok` = its vendor is eligible and `blk` = its heap block. `meta`
 * tells whether the sample holds every match (`n` ≤ sample: exact) and estimates how many match (`est`): a
 * bitmap or sequential scan reads the heap in block order (a synchronised seq scan may start mid-table and wrap
 * around), so the sample stems from the blocks outside the largest run of blocks it never touched, and the
 * whole table holds blocks / covered times as many. Matches spread unevenly over the table make this rough,
 * so it is only ever shown as "about N".
 */
function sampleSql(plan: ProductSearchPlan): SQL {
  return sql`s AS MATERIALIZED (
      SELECT p.id, p.vendor_id, p.category_id, p.name, p.min_price_cents, p.in_stock, p.dietary_tags, p.popularity,
        p.created_at, p.search_vector, p.vendor_id IN (SELECT v.id FROM v) AS ok, (p.ctid::text::point)[0]::int AS blk
      FROM products p WHERE ${sql.join(productConditions(plan), sql` AND `)}
      LIMIT ${plan.limits.sample + 1}
    ),
    meta0 AS (
      SELECT count(*)::int AS n, (count(*) FILTER (WHERE ok))::int AS ok_n, min(blk) AS min_blk, max(blk) AS max_blk,
        (SELECT max(g.gap) FROM (SELECT d.b - lag(d.b) OVER (ORDER BY d.b) - 1 AS gap FROM (SELECT DISTINCT blk AS b FROM s) d) g) AS inner_gap,
        greatest(pg_relation_size('products') / current_setting('block_size')::int, 1)::int AS blocks,
        (SELECT greatest(c.reltuples, 0)::float8 FROM pg_class c WHERE c.oid = 'products'::regclass) AS table_rows
      FROM s
    ),
    meta AS MATERIALIZED (
      SELECT m.n, m.ok_n, m.table_rows::float8 AS table_rows, m.ok_n::float8 * m.blocks / greatest(1, m.blocks - greatest(coalesce(m.inner_gap, 0),
        coalesce(m.min_blk + m.blocks - 1 - m.max_blk, 0))) AS est
      FROM meta0 m
    )`;
}

/**
 * The first statement of a search (often the only one): `v` the eligible vendors, `s`/`meta` a bounded sample of
 * the matches. When the sample holds every match, `f` is the matches with their sort key and the page and facets
 * are exact. Otherwise the page is left empty for wideSearchSql, and the facets are counted over the sample.
 * Fetches limit + 1 rows to know whether another page exists.
 */
export function productSearchSql(plan: ProductSearchPlan): SQL {
  const { spec } = plan;
  const exact = sql`(SELECT n FROM meta) <= ${plan.limits.sample}`;
  const afterCursor = plan.cursor && !plan.cursor.pastPool ? sql`AND ${afterCursorSql(spec, plan.cursor, 'f')}` : sql``;
  const facets = plan.withFacets
    ? sql`, fs AS (
        SELECT f.category_id, f.vendor_id, f.min_price_cents, f.dietary_tags FROM f
        UNION ALL
        SELECT s.category_id, s.vendor_id, s.min_price_cents, s.dietary_tags FROM s WHERE s.ok AND NOT ${exact}
      )`
    : sql``;
  const facetCols = plan.withFacets ? facetsSql() : sql`NULL::json AS facet_counts, NULL::json AS dietary`;
  return sql`WITH v AS (${vendorCte(plan)}),
    ${sampleSql(plan)},
    f AS (
      SELECT ${ROW_COLUMNS}, ${spec.key} AS sort_key
      FROM s p JOIN v ON v.id = p.vendor_id
      WHERE p.ok AND ${exact}
    ),
    page AS (
      SELECT x.*, row_number() OVER (ORDER BY ${orderBySql(spec, 'x')}) AS ord FROM (
        SELECT f.*, false AS past_pool FROM f WHERE TRUE ${afterCursor} ORDER BY ${orderBySql(spec, 'f')} LIMIT ${plan.input.limit + 1}
      ) x
    )
    ${facets}
    SELECT ${ITEMS_SQL} AS items,
      (SELECT json_build_object('n', n, 'ok_n', ok_n, 'est', est, 'table_rows', table_rows) FROM meta) AS meta,
      ${facetCols}`;
}
