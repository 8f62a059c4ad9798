import { sql } from 'drizzle-orm';
import {
  tokenizeSearchQuery,
  type SearchProductItem,
  type SearchProductsInput,
  type SearchProductsResult,
} from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { searchRows } from './prepared-rows';
import { decodeCursor, encodeCursor } from './cursor';
import { toFacets, type FacetSqlRow } from './facets';
import { mediaUrl } from './media-url';
import { productSearchSql, SEARCH_LIMITS, wideSearchSql, type ProductSearchPlan, type SearchLimits } from './product-query';
import { correctionsSql, searchTextFrom, type CorrectionRow } from './query-text';
import { resolveSort, sortSpec } from './sort';
import { scopeFrom, vendorScopeSql, type ScopeRow } from './vendor-scope';

interface ItemRow {
  id: string;
  name: string;
  minPriceCents: number;
  inStock: boolean;
  dietaryTags: string[];
  categorySlug: string | null;
  sortKey: string;
  vendorId: string;
  vendorSlug: string;
  vendorName: string;
  currency: string;
  distanceMeters: number | null;
  thumb: string | null;
  /** relevance on a wide match set: this item comes after the ranked pool (popularity order) */
  pastPool: boolean;
}

/** How the bounded sample of matches turned out (see productSearchSql). */
interface SampleMeta {
  /** matches read, at most limits.sample + 1 */
  n: number;
  /** of which from an eligible vendor */
  ok_n: number;
  /** estimated matches from eligible vendors over the whole table */
  est: number;
  /** the planner's row count of products */
  table_rows: number;
}

interface SearchRow extends FacetSqlRow {
  items: ItemRow[];
  meta: SampleMeta;
}

/** Typo corrections and the eligible vendors, fetched together in one round trip (either may be absent). */
async function prelude(db: DbOrTx, words: string[], input: SearchProductsInput): Promise<{ corrections: CorrectionRow[]; vendors: ScopeRow[] | null }> {
  const corrections = correctionsSql(words);
  const vendors = vendorScopeSql(input);
  if (!corrections && !vendors) return { corrections: [], vendors: null };
  const asJson = (q: typeof corrections) => (q ? sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${q}) x)` : sql`NULL::json`);
  const [row] = await searchRows<{ corrections: CorrectionRow[] | null; vendors: ScopeRow[] | null }>(
    db,
    sql`SELECT ${asJson(corrections)} AS corrections, ${asJson(vendors)} AS vendors`,
  );
  return { corrections: row?.corrections ?? [], vendors: row?.vendors ?? null };
}

/**
 * Everything before the main statement: typo corrections, the eligible vendors, the sort and the cursor.
 * Split from running it so the benchmark can time the very same SQL on a raw driver.
 */
export async function planProductSearch(
  db: DbOrTx,
  input: SearchProductsInput,
  now: Date = new Date(),
  limits: SearchLimits = SEARCH_LIMITS,
): Promise<ProductSearchPlan> {
  const words = tokenizeSearchQuery(input.q);
  const sort = resolveSort(input.sort, words.length > 0, input.near !== undefined);
  // a forged or stale cursor is rejected before any database work
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  const found = await prelude(db, words, input);
  const text = searchTextFrom(words, found.corrections);
  return {
    input,
    text,
    spec: sortSpec(sort, text),
    cursor,
    scope: found.vendors ? scopeFrom(input, found.vendors, now) : null,
    withFacets: input.facets && cursor === null,
    limits,
  };
}

function toItem(r: ItemRow): SearchProductItem {
  return {
    id: r.id,
    name: r.name,
    vendor: {
      id: r.vendorId,
      slug: r.vendorSlug,
      name: r.vendorName,
      ...(r.distanceMeters === null ? {} : { distanceMeters: r.distanceMeters }),
    },
    minPriceCents: r.minPriceCents,
    currency: r.currency,
    ...(r.thumb ? { imageThumb: mediaUrl(r.thumb) } : {}),
    inStock: r.inStock,
    dietaryTags: r.dietaryTags,
    categorySlug: r.categorySlug,
  };
}

/** Sample counts × this = estimates for the whole match set (at least the counts themselves). */
function sampleScale(meta: SampleMeta): number {
  return meta.ok_n > 0 ? Math.max(1, meta.est / meta.ok_n) : 1;
}

/**
 * Runs a search: one statement when the sample holds every match; on a wide match set a second one reads the
 * page (wideSearchSql) and the facets and total are estimates from the sample.
 */
async function runProductSearch(db: DbOrTx, plan: ProductSearchPlan): Promise<SearchProductsResult> {
  const [row] = await searchRows<SearchRow>(db, productSearchSql(plan));
  if (!row) throw new Error('search returned no row');
  const estimated = row.meta.n > plan.limits.sample;
  let found = row.items;
  if (estimated) {
    const [wide] = await searchRows<{ items: ItemRow[] }>(db, wideSearchSql(plan, { est: row.meta.est, tableRows: row.meta.table_rows }));
    found = wide?.items ?? [];
  }
  const limit = plan.input.limit;
  const hasMore = found.length > limit;
  const items = hasMore ? found.slice(0, limit) : found;
  const last = items[items.length - 1];
  const counted = plan.withFacets ? toFacets(row, estimated ? sampleScale(row.meta) : 1) : null;
  const cursor = last ? { sort: plan.spec.sort, key: last.sortKey, id: last.id, ...(last.pastPool ? { pastPool: true } : {}) } : null;
  return {
    items: items.map(toItem),
    nextCursor: hasMore && cursor ? encodeCursor(cursor) : null,
    total: counted?.total ?? null,
    ...(counted && estimated ? { totalEstimated: true } : {}),
    facets: counted?.facets ?? null,
    sort: plan.spec.sort,
  };
}

/** Storefront product search: only online-visible, non-archived products of approved vendors. */
export async function searchProducts(
  db: DbOrTx,
  input: SearchProductsInput,
  now: Date = new Date(),
  limits: SearchLimits = SEARCH_LIMITS,
): Promise<SearchProductsResult> {
  return runProductSearch(db, await planProductSearch(db, input, now, limits));
}
