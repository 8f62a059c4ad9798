import { sql, type SQL } from 'drizzle-orm';
import { ITEMS_SQL, productConditions, ROW_COLUMNS, vendorCte, type ProductSearchPlan } from './search-plan';
import { afterCursorSql, afterKeySql, orderByKeySql, orderBySql } from './sort';

/** What the first statement learnt about a wide match set (see productSearchSql). */
interface WideEstimate {
  /** estimated matches from eligible vendors */
  est: number;
  /** the planner's row count of products */
  tableRows: number;
}

/** Popularity order, the pool's and the pages' after it: most popular first, then by id. */
const POPULARITY = { keyType: 'int', keyDir: 'desc', idDir: 'asc' } as const;

/** Sort keys a btree index can walk in order (popularity, price); the others are computed per row. */
const WALKABLE = new Set(['popularity', 'price_asc', 'price_desc']);

/**
 * FROM/WHERE of the matches. The vendor test is a hashed lookup: `IS TRUE` keeps the planner from turning the IN
 * into a semi join, which under a LIMIT became a nested loop re-scanning the vendor list for every product.
 * Joining `v` is only needed for its distance (the distance sort).
 */
function matchesFrom(plan: ProductSearchPlan): SQL {
  const conds = sql.join(productConditions(plan), sql` AND `);
  return plan.spec.sort === 'distance'
    ? sql`FROM products p JOIN v ON v.id = p.vendor_id WHERE ${conds}`
    : sql`FROM products p WHERE (p.vendor_id IN (SELECT v.id FROM v)) IS TRUE AND ${conds}`;
}

/**
 * ORDER BY for the first `k` matches, bounded either way: walking the key's index until k matches turn up costs
 * about k × table rows / matches, while reading every match through the text index and keeping the top k costs
 * about `matches`. The sample's estimate picks the cheaper: left to itself the planner walked 26,000 rows for a
 * word 0.5 % of a million products contain. "+ 0" hides the key from its index.
 */
function boundedOrder(k: number, w: WideEstimate, key: SQL, order: (key: SQL) => SQL): SQL {
  const walk = w.est * w.est > k * w.tableRows;
  return order(walk ? key : sql`(${key} + 0)`);
}

/** Numbers the (at most limit + 1) rows of `rel` in page order. */
const numbered = (rel: SQL, order: SQL) => sql`SELECT x.*, row_number() OVER (ORDER BY ${order}) AS ord FROM (${rel}) x`;

const byPopularity = (plan: ProductSearchPlan) => (key: SQL) => orderByKeySql({ ...plan.spec, ...POPULARITY }, key, sql`p.id`);

/** Any sort but relevance: one page in sort order, by an index walk or a top-N sort over the matches. */
function sortedPageSql(plan: ProductSearchPlan, w: WideEstimate): SQL {
  const { spec, cursor } = plan;
  const k = plan.input.limit + 1;
  const after = cursor ? sql`AND ${afterKeySql(spec, cursor, spec.key, sql`p.id`)}` : sql``;
  const order = (key: SQL) => orderByKeySql(spec, key, sql`p.id`);
  const orderBy = WALKABLE.has(spec.sort) ? boundedOrder(k, w, spec.key, order) : order(spec.key);
  const rows = sql`SELECT ${ROW_COLUMNS}, ${spec.key} AS sort_key, false AS past_pool ${matchesFrom(plan)} ${after} ORDER BY ${orderBy} LIMIT ${k}`;
  return sql`page AS (${numbered(rows, orderBySql(spec, 'x'))})`;
}

/** Matches after (popularity, id) in popularity order: where relevance pages continue once the pool is shown. */
function pastPoolSql(plan: ProductSearchPlan, w: WideEstimate, after: SQL): SQL {
  const k = plan.input.limit + 1;
  return sql`SELECT ${ROW_COLUMNS}, p.popularity::numeric AS sort_key, true AS past_pool ${matchesFrom(plan)} AND ${after}
    ORDER BY ${boundedOrder(k, w, sql`p.popularity`, byPopularity(plan))} LIMIT ${k}`;
}

const PAGE_ORDER = sql`x.past_pool, x.sort_key DESC, x.id`;

/**
 * Relevance over a wide match set. Ranking every match would cost in proportion to the catalog, so only the
 * `pool` most popular matches are ranked (text relevance first, as in the exact path); the pages after them
 * list the remaining matches by popularity, so every match is still shown exactly once. The pool is the same
 * on every page (a total order), so cursors inside it stay exact.
 */
function relevancePageSql(plan: ProductSearchPlan, w: WideEstimate): SQL {
  const { spec, cursor, limits } = plan;
  const limit = plan.input.limit;
  if (cursor?.pastPool) {
    const after = afterKeySql(POPULARITY, cursor, sql`p.popularity`, sql`p.id`);
    return sql`page AS (${numbered(pastPoolSql(plan, w, after), PAGE_ORDER)})`;
  }
  const inPool = cursor ? sql`WHERE ${afterCursorSql(spec, cursor, 'r')}` : sql``;
  const edge = sql`(p.popularity < (SELECT e.popularity FROM edge e)
    OR (p.popularity = (SELECT e.popularity FROM edge e) AND p.id > (SELECT e.id FROM edge e)))`;
  // past the pool only when the pool is full (else it held every match) and this page is not already full
  const more = sql`(SELECT count(*) FROM pool) = ${limits.pool} AND (SELECT count(*) FROM p1) <= ${limit}`;
  return sql`pool AS MATERIALIZED (
      SELECT ${ROW_COLUMNS}, p.popularity, p.search_vector ${matchesFrom(plan)}
      ORDER BY ${boundedOrder(limits.pool, w, sql`p.popularity`, byPopularity(plan))} LIMIT ${limits.pool}
    ),
    edge AS (SELECT p.popularity, p.id FROM pool p ORDER BY p.popularity, p.id DESC LIMIT 1),
    p1 AS (
      SELECT r.* FROM (
        SELECT p.id, p.vendor_id, p.category_id, p.name, p.min_price_cents, p.in_stock, p.dietary_tags,
          ${spec.key} AS sort_key, false AS past_pool
        FROM pool p
      ) r ${inPool} ORDER BY ${orderBySql(spec, 'r')} LIMIT ${limit + 1}
    ),
    p2 AS (${pastPoolSql(plan, w, sql`${more} AND ${edge}`)}),
    page AS (${numbered(sql`SELECT * FROM p1 UNION ALL SELECT * FROM p2`, PAGE_ORDER)} ORDER BY ord LIMIT ${limit + 1})`;
}

/**
 * The second statement of a search whose match set is wider than the sample: one page, read through an index
 * in a bounded number of rows (see boundedOrder).
 */
export function wideSearchSql(plan: ProductSearchPlan, w: WideEstimate): SQL {
  const page = plan.spec.sort === 'relevance' ? relevancePageSql(plan, w) : sortedPageSql(plan, w);
  return sql`WITH v AS (${vendorCte(plan)}), ${page} SELECT ${ITEMS_SQL} AS items`;
}
