import { sql, type SQL } from 'drizzle-orm';
import { PRICE_BANDS, type SearchFacets } from '@makeries/shared';

const FACET_CATEGORY_LIMIT = 50;
const FACET_VENDOR_LIMIT = 30;

/** One grouping-set row: which facet it belongs to is told by `g` (GROUPING bits of category, vendor, band). */
interface FacetCountRow {
  g: number;
  n: number;
  band: number | null;
  category_slug: string | null;
  category_name: string | null;
  vendor_id: string | null;
  vendor_slug: string | null;
  vendor_name: string | null;
}

export interface FacetSqlRow {
  facet_counts: FacetCountRow[] | null;
  dietary: { tag: string; count: number }[] | null;
}

// GROUPING(category_id, vendor_id, band): a 1 bit marks a column the row is NOT grouped by
const BY_CATEGORY = 0b011;
const BY_VENDOR = 0b101;
const BY_BAND = 0b110;
const TOTAL = 0b111;

/**
 * Facet counts over the relation `fs` (category_id, vendor_id, min_price_cents, dietary_tags): every match when
 * the match set is small, so a facet's count is what its filter returns, or the bounded sample of a wide match
 * set (then scaled by toFacets). Categories, vendors, price bands and the total come from one pass (GROUPING
 * SETS); dietary tags need an unnest, so they take a second.
 */
export function facetsSql(): SQL {
  const band = sql.join(
    PRICE_BANDS.map((b, i) => (b.maxCents === null ? sql`ELSE ${i}::int` : sql`WHEN f.min_price_cents <= ${b.maxCents}::int THEN ${i}::int`)),
    sql` `,
  );
  return sql`
    (SELECT json_agg(x) FROM (
      SELECT fc.g, fc.n, fc.band, c.slug AS category_slug, c.name AS category_name,
        vd.id AS vendor_id, vd.slug AS vendor_slug, vd.name AS vendor_name
      FROM (
        SELECT GROUPING(b.category_id, b.vendor_id, b.band)::int AS g, count(*)::int AS n, b.category_id, b.vendor_id, b.band
        FROM (SELECT f.category_id, f.vendor_id, CASE ${band} END AS band FROM fs f) b
        GROUP BY GROUPING SETS ((b.category_id), (b.vendor_id), (b.band), ())
      ) fc
      LEFT JOIN categories c ON c.id = fc.category_id AND c.vendor_id IS NULL LEFT JOIN vendors vd ON vd.id = fc.vendor_id) x) AS facet_counts,
    (SELECT coalesce(json_agg(x), '[]'::json) FROM (
      SELECT t.tag, count(*)::int AS count FROM fs f CROSS JOIN LATERAL unnest(f.dietary_tags) AS t(tag)
      GROUP BY t.tag ORDER BY count(*) DESC, t.tag) x) AS dietary`;
}

const byCountThen = <T extends { count: number }>(label: (x: T) => string) => (a: T, b: T) =>
  b.count - a.count || label(a).localeCompare(label(b));

/**
 * Splits the grouping-set rows into the four facets (largest first) and the total. `scale` turns counts over a
 * sample into estimates for the whole match set ("about N"); 1 when the counts are exact.
 */
export function toFacets(row: FacetSqlRow, scale = 1): { facets: SearchFacets; total: number } {
  const rows = (row.facet_counts ?? []).map((r) => (scale === 1 ? r : { ...r, n: Math.max(1, Math.round(r.n * scale)) }));
  const dietary = (row.dietary ?? []).map((d) => (scale === 1 ? d : { ...d, count: Math.max(1, Math.round(d.count * scale)) }));
  const categories = rows
    .filter((r) => r.g === BY_CATEGORY && r.category_slug !== null)
    .map((r) => ({ slug: r.category_slug ?? '', name: r.category_name ?? '', count: r.n }))
    .sort(byCountThen((c) => c.name))
    .slice(0, FACET_CATEGORY_LIMIT);
  const vendors = rows
    .filter((r) => r.g === BY_VENDOR && r.vendor_id !== null)
    .map((r) => ({ id: r.vendor_id ?? '', slug: r.vendor_slug ?? '', name: r.vendor_name ?? '', count: r.n }))
    .sort(byCountThen((v) => v.name))
    .slice(0, FACET_VENDOR_LIMIT);
  const bandCounts = new Map(rows.filter((r) => r.g === BY_BAND).map((r) => [r.band, r.n]));
  return {
    facets: {
      categories,
      dietary,
      priceBands: PRICE_BANDS.map((b, i) => ({ key: b.key, minCents: b.minCents, maxCents: b.maxCents, count: bandCounts.get(i) ?? 0 })),
      vendors,
    },
    total: rows.find((r) => r.g === TOTAL)?.n ?? 0,
  };
}
