import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { JobLog, JobRuntime } from '../../jobs/runtime';

/** The periodic task's name in `job_schedules`. */
export const ROLLUP_TASK = 'storefront.rollups';
/**
 * How stale the storefront's counts and "popular" lists may be: a product added or hidden shows in the category
 * counts within this long (hidden products drop out of "popular" at once: reads re-check visibility).
 */
const ROLLUP_REFRESH_MS = 5 * 60_000;
/** Best sellers kept per shop: enough for "popular near you" over a page of nearby shops. */
const POPULAR_PER_SHOP = 4;

export interface RollupCounts {
  categories: number;
  vendors: number;
  products: number;
}

/** What a visitor can see: an approved shop's product that is online and not archived. */
const VISIBLE = sql`p.online_visible AND NOT p.archived AND NOT p.moderation_hidden AND v.status = 'approved'`;

/**
 * Recomputes every storefront rollup from the catalog in one transaction (readers keep the previous rows until it
 * commits). A transaction-scoped advisory lock serialises refreshes: the job and an on-demand refresh (tests,
 * the seed) never interleave their delete-and-insert. Costs one pass over the products, once per interval for the
 * whole market, instead of a count per page view.
 */
export async function refreshStorefrontRollups(db: DbOrTx, now: Date = new Date()): Promise<RollupCounts> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${ROLLUP_TASK}))`);
    await tx.execute(sql`DELETE FROM category_rollups`);
    const categories = await tx.execute(sql`
      INSERT INTO category_rollups (category_id, product_count, refreshed_at)
      SELECT c.id, count(p.id)::int, ${now}
      FROM categories c
      LEFT JOIN (products p JOIN vendors v ON v.id = p.vendor_id) ON p.category_id = c.id AND ${VISIBLE}
      WHERE c.vendor_id IS NULL
      GROUP BY c.id`);
    await tx.execute(sql`DELETE FROM vendor_rollups`);
    const vendors = await tx.execute(sql`
      INSERT INTO vendor_rollups (vendor_id, rank, units_sold, product_count, refreshed_at)
      SELECT v.id,
             row_number() OVER (ORDER BY coalesce(s.units, 0) DESC, coalesce(s.n, 0) DESC, v.name, v.id),
             coalesce(s.units, 0), coalesce(s.n, 0), ${now}
      FROM vendors v
      LEFT JOIN (
        SELECT p.vendor_id, sum(greatest(p.popularity, 0))::bigint AS units, count(*)::int AS n
        FROM products p WHERE p.online_visible AND NOT p.archived AND NOT p.moderation_hidden GROUP BY p.vendor_id
      ) s ON s.vendor_id = v.id
      WHERE v.status = 'approved'`);
    await tx.execute(sql`DELETE FROM product_rollups`);
    const products = await tx.execute(sql`
      INSERT INTO product_rollups (product_id, vendor_id, rank, units_sold, refreshed_at)
      SELECT id, vendor_id, row_number() OVER (ORDER BY units DESC, id), units, ${now}
      FROM (
        SELECT p.id, p.vendor_id, greatest(p.popularity, 0) AS units,
               row_number() OVER (PARTITION BY p.vendor_id ORDER BY p.popularity DESC, p.id) AS k
        FROM products p JOIN vendors v ON v.id = p.vendor_id
        WHERE ${VISIBLE} AND p.in_stock
      ) best
      WHERE k <= ${POPULAR_PER_SHOP}`);
    return { categories: affected(categories), vendors: affected(vendors), products: affected(products) };
  });
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/**
 * Every instance registers the refresh; the runtime's schedule claim (`FOR UPDATE SKIP LOCKED` on the task's
 * row) lets exactly one of them run each due time. First due at once, so a fresh server fills the rollups.
 */
export function registerRollupRefresh(runtime: JobRuntime, db: Db, opts: { now?: () => Date; log?: JobLog } = {}): void {
  runtime.every(ROLLUP_TASK, ROLLUP_REFRESH_MS, async () => {
    const counts = await refreshStorefrontRollups(db, opts.now?.() ?? new Date());
    opts.log?.info({ task: ROLLUP_TASK, ...counts }, 'storefront rollups refreshed');
  });
}
