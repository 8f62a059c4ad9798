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
import { productSearchSql, type ProductSearchPlan } from './product-query';
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
}

interface SearchRow extends FacetSqlRow {
  items: ItemRow[];
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
export async function planProductSearch(db: DbOrTx, input: SearchProductsInput, now: Date = new Date()): Promise<ProductSearchPlan> {
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

async function runProductSearch(db: DbOrTx, plan: ProductSearchPlan): Promise<SearchProductsResult> {
  const [row] = await searchRows<SearchRow>(db, productSearchSql(plan));
  if (!row) throw new Error('search returned no row');
  const limit = plan.input.limit;
  const hasMore = row.items.length > limit;
  const items = hasMore ? row.items.slice(0, limit) : row.items;
  const last = items[items.length - 1];
  const counted = plan.withFacets ? toFacets(row) : null;
  return {
    items: items.map(toItem),
    nextCursor: hasMore && last ? encodeCursor({ sort: plan.spec.sort, key: last.sortKey, id: last.id }) : null,
    total: counted?.total ?? null,
    facets: counted?.facets ?? null,
    sort: plan.spec.sort,
  };
}

/** Storefront product search: only online-visible, non-archived products of approved vendors. */
export async function searchProducts(db: DbOrTx, input: SearchProductsInput, now: Date = new Date()): Promise<SearchProductsResult> {
  return runProductSearch(db, await planProductSearch(db, input, now));
}
