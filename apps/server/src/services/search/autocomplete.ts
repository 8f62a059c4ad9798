import { sql, type SQL } from 'drizzle-orm';
import { tokenizeSearchQuery, type AutocompleteInput, type AutocompleteSuggestion } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { searchRows } from './prepared-rows';
import { distanceSql, withinRadiusSql } from './geo';
import { correctionsSql, pgTextArray, searchTextFrom, tsquerySql, type CorrectionRow, type SearchText } from './query-text';
import { radiusMeters } from './vendor-scope';

const AUTOCOMPLETE_MAX = 8;
const CATEGORY_SLOTS = 2;
const VENDOR_SLOTS = 3;
/** one letter matches half the catalog and helps nobody; wait for the second */
const MIN_CHARS = 2;
/**
 * Product names are picked among the most popular matching products only: a short prefix matches thousands,
 * and ranking all of them per keystroke would cost more than the suggestions are worth.
 */
const PRODUCT_CANDIDATES = 200;
/** the trigram index on products.name needs three letters; shorter words only filter the candidates */
const INDEXABLE_WORD = 3;

interface SuggestionRow {
  kind: 'category' | 'vendor' | 'product';
  key: string;
  label: string;
  vendor_slug: string | null;
  distance_m: number | null;
}

/** Approved vendors within the radius, nearest first (id and distance). */
interface NearbyRow {
  id: string;
  distance_m: number;
}

/**
 * Word-prefix match on the product name, served by the gin_trgm_ops index on products.name. Lexemes are letters
 * and digits only, so they carry no regex syntax; `\m` anchors at a word start, `~*` ignores case.
 */
function nameMatchSql(terms: SearchText['terms'], literalOnly: boolean): SQL[] {
  return terms.map((t) => {
    const alts = literalOnly ? [t.word] : [t.word, ...t.corrections];
    const pattern = `\\m(?:${alts.join('|')})`;
    // a short word cannot use the trigram index: an expression keeps the planner from trying
    return t.word.length >= INDEXABLE_WORD ? sql`p.name ~* ${pattern}` : sql`(p.name || '') ~* ${pattern}`;
  });
}

function productBranchSql(text: SearchText, pScope: SQL): SQL {
  if (!text.terms.some((t) => t.word.length >= INDEXABLE_WORD)) {
    return sql`SELECT NULL::uuid AS id, NULL::text AS name, NULL::text AS vendor_slug, 0::float8 AS score WHERE FALSE`;
  }
  const tier = text.literalTsquery ? sql`(CASE WHEN ${sql.join(nameMatchSql(text.terms, true), sql` AND `)} THEN 1 ELSE 0 END)` : sql`1`;
  // "+ 0" in the ORDER BY: rank the matches found through the name index, never walk the popularity index
  // hoping to meet them (a prefix nobody sells would scan the whole table)
  return sql`SELECT DISTINCT ON (lower(cand.name)) cand.id, cand.name, cand.vendor_slug,
      cand.tier + 0.9 * greatest(cand.popularity, 0)::float8 / (greatest(cand.popularity, 0) + 50) AS score
    FROM (
      SELECT p.id, p.name, p.popularity, v.slug AS vendor_slug, ${tier} AS tier
      FROM products p JOIN vendors v ON v.id = p.vendor_id
      WHERE p.online_visible AND NOT p.archived AND NOT p.moderation_hidden AND v.status = 'approved' AND ${pScope}
        AND ${sql.join(nameMatchSql(text.terms, false), sql` AND `)}
      ORDER BY p.popularity + 0 DESC, p.id LIMIT ${PRODUCT_CANDIDATES}
    ) cand
    ORDER BY lower(cand.name), score DESC, cand.id`;
}

function suggestionSql(text: SearchText, nearby: NearbyRow[] | null): SQL {
  const anyField = tsquerySql(text.tsquery);
  // with a location the vendors are already known: a constant list keeps the planner from probing per vendor
  const ids = nearby ? sql`${pgTextArray(nearby.map((n) => n.id))}::uuid[]` : null;
  const vScope = ids ? sql`v.id = ANY(${ids})` : sql`v.status = 'approved'`;
  const pScope = ids ? sql`p.vendor_id = ANY(${ids})` : sql`TRUE`;
  const distance = nearby
    ? sql`(SELECT d.m FROM unnest(${ids}, ${`{${nearby.map((n) => n.distance_m).join(',')}}`}::int[]) AS d(id, m) WHERE d.id = v.id)`
    : sql`NULL::int`;
  return sql`
    (SELECT 'category' AS kind, c.slug AS key, c.name AS label, NULL::text AS vendor_slug, NULL::int AS distance_m
     FROM categories c WHERE c.vendor_id IS NULL AND to_tsvector('simple', c.name) @@ ${anyField}
     ORDER BY c.sort, c.name LIMIT ${CATEGORY_SLOTS})
    UNION ALL
    (SELECT 'vendor', v.id::text, v.name, v.slug, ${distance} AS distance_m
     FROM vendors v WHERE ${vScope} AND to_tsvector('simple', v.name) @@ ${anyField}
     ORDER BY distance_m, v.name LIMIT ${VENDOR_SLOTS})
    UNION ALL
    (SELECT 'product', x.id::text, x.name, x.vendor_slug, NULL::int FROM (${productBranchSql(text, pScope)}) x
     ORDER BY x.score DESC, x.name, x.id LIMIT ${AUTOCOMPLETE_MAX})`;
}

function toSuggestion(r: SuggestionRow): AutocompleteSuggestion {
  if (r.kind === 'category') return { kind: 'category', label: r.label, slug: r.key };
  if (r.kind === 'vendor') {
    return {
      kind: 'vendor',
      label: r.label,
      vendorId: r.key,
      slug: r.vendor_slug ?? '',
      ...(r.distance_m === null ? {} : { distanceMeters: r.distance_m }),
    };
  }
  return { kind: 'product', label: r.label, productId: r.key, vendorSlug: r.vendor_slug ?? '' };
}

/** Typo corrections and, with a location, the approved vendors in range: one round trip. */
async function prelude(db: DbOrTx, words: string[], input: AutocompleteInput): Promise<{ corrections: CorrectionRow[]; nearby: NearbyRow[] | null }> {
  const corrections = correctionsSql(words);
  const near = input.near;
  const nearby = near
    ? sql`SELECT v.id, round(${distanceSql(near, sql`v.lat`, sql`v.lng`)})::int AS distance_m FROM vendors v
          WHERE v.status = 'approved' AND ${withinRadiusSql(near, radiusMeters(input), sql`v.lat`, sql`v.lng`)}`
    : null;
  if (!corrections && !nearby) return { corrections: [], nearby: null };
  const asJson = (q: SQL | null) => (q ? sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${q}) x)` : sql`NULL::json`);
  const [row] = await searchRows<{ corrections: CorrectionRow[] | null; nearby: NearbyRow[] | null }>(
    db,
    sql`SELECT ${asJson(corrections)} AS corrections, ${asJson(nearby)} AS nearby`,
  );
  return { corrections: row?.corrections ?? [], nearby: row?.nearby ?? null };
}

/**
 * Up to 8 suggestions as the customer types: matching categories, then shops (nearest first with a location),
 * then product names (deduplicated, most popular first), with the same typo tolerance and prefix matching as
 * the full search. With a location, shops and products are limited to the radius.
 */
export async function autocomplete(db: DbOrTx, input: AutocompleteInput): Promise<AutocompleteSuggestion[]> {
  const words = tokenizeSearchQuery(input.q);
  if (words.join('').length < MIN_CHARS) return [];
  const found = await prelude(db, words, input);
  const text = searchTextFrom(words, found.corrections);
  if (!text) return [];
  const rows = (await searchRows<SuggestionRow>(db, suggestionSql(text, found.nearby))).map(toSuggestion);
  const categories = rows.filter((s) => s.kind === 'category');
  const vendors = rows.filter((s) => s.kind === 'vendor');
  const products = rows.filter((s) => s.kind === 'product');
  // shops get two places up front; a third only if products leave room
  const ordered = [...categories, ...vendors.slice(0, 2), ...products, ...vendors.slice(2)];
  return ordered.slice(0, AUTOCOMPLETE_MAX);
}
