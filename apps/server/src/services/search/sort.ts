import { sql, type SQL } from 'drizzle-orm';
import type { SearchSort } from '@makeries/shared';
import type { SearchCursor } from './cursor';
import { tsquerySql, type SearchText } from './query-text';

type Dir = 'asc' | 'desc';

/**
 * One sort order: a single numeric key plus the product id as the tiebreak, so every ordering is total and a
 * cursor (key, id) resumes exactly after the last item shown.
 */
export interface SortSpec {
  sort: SearchSort;
  /** expression over `p` (products) and `v` (the vendor CTE) */
  key: SQL;
  keyType: 'numeric' | 'int' | 'bigint';
  keyDir: Dir;
  idDir: Dir;
}

/**
 * Relevance: whole-word-prefix matches first (tier 1), typo-corrected ones after (tier 0); inside a tier the
 * cover-density rank (name A > extra B > description C), normalised to [0,1) by flag 32, plus a small
 * popularity boost. Rounded so the key survives a round trip through the cursor exactly.
 */
function relevanceKey(text: SearchText): SQL {
  const q = tsquerySql(text.tsquery);
  const tier = text.literalTsquery ? sql`(CASE WHEN p.search_vector @@ ${tsquerySql(text.literalTsquery)} THEN 1 ELSE 0 END)` : sql`1`;
  return sql`round((${tier} + 0.9 * ts_rank_cd(p.search_vector, ${q}, 32)
    + 0.09 * greatest(p.popularity, 0)::float8 / (greatest(p.popularity, 0) + 50))::numeric, 6)`;
}

/** The effective sort: relevance needs words, distance needs a location (checked by the input schema). */
export function resolveSort(requested: SearchSort | undefined, hasText: boolean, hasNear: boolean): SearchSort {
  const fallback: SearchSort = hasText ? 'relevance' : hasNear ? 'distance' : 'popularity';
  const sort = requested ?? fallback;
  if (sort === 'relevance' && !hasText) return hasNear ? 'distance' : 'popularity';
  return sort;
}

export function sortSpec(sort: SearchSort, text: SearchText | null): SortSpec {
  switch (sort) {
    case 'relevance':
      if (!text) throw new Error('relevance sort needs search text');
      return { sort, key: relevanceKey(text), keyType: 'numeric', keyDir: 'desc', idDir: 'asc' };
    case 'distance':
      return { sort, key: sql`v.distance_m`, keyType: 'int', keyDir: 'asc', idDir: 'asc' };
    case 'price_asc':
      return { sort, key: sql`p.min_price_cents`, keyType: 'int', keyDir: 'asc', idDir: 'asc' };
    case 'price_desc':
      return { sort, key: sql`p.min_price_cents`, keyType: 'int', keyDir: 'desc', idDir: 'asc' };
    case 'popularity':
      return { sort, key: sql`p.popularity`, keyType: 'int', keyDir: 'desc', idDir: 'asc' };
    case 'newest':
      // whole microseconds since the epoch: exact, unlike a JS Date (milliseconds)
      return { sort, key: sql`(extract(epoch from p.created_at) * 1000000)::bigint`, keyType: 'bigint', keyDir: 'desc', idDir: 'desc' };
  }
}

const DIR_SQL: Record<Dir, SQL> = { asc: sql.raw('ASC'), desc: sql.raw('DESC') };
const AFTER: Record<Dir, SQL> = { asc: sql.raw('>'), desc: sql.raw('<') };

/** ORDER BY over a relation that exposes `sort_key` and `id`. */
export function orderBySql(spec: SortSpec, rel: string): SQL {
  const r = sql.raw(rel);
  return sql`${r}.sort_key ${DIR_SQL[spec.keyDir]}, ${r}.id ${DIR_SQL[spec.idDir]}`;
}

/** Rows strictly after the cursor in the sort order, over any key and id expressions. */
export function afterKeySql(spec: Pick<SortSpec, 'keyType' | 'keyDir' | 'idDir'>, cursor: SearchCursor, keyExpr: SQL, idExpr: SQL): SQL {
  const key = sql`${cursor.key}::${sql.raw(spec.keyType)}`;
  const id = sql`${cursor.id}::uuid`;
  return sql`(${keyExpr} ${AFTER[spec.keyDir]} ${key} OR (${keyExpr} = ${key} AND ${idExpr} ${AFTER[spec.idDir]} ${id}))`;
}

/** Rows strictly after the cursor in the sort order, over a relation that exposes `sort_key` and `id`. */
export function afterCursorSql(spec: SortSpec, cursor: SearchCursor, rel: string): SQL {
  const r = sql.raw(rel);
  return afterKeySql(spec, cursor, sql`${r}.sort_key`, sql`${r}.id`);
}

/** ORDER BY over any key and id expressions. */
export function orderByKeySql(spec: SortSpec, keyExpr: SQL, idExpr: SQL): SQL {
  return sql`${keyExpr} ${DIR_SQL[spec.keyDir]}, ${idExpr} ${DIR_SQL[spec.idDir]}`;
}
