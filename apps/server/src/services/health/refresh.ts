import { addDays, localDateIn, startOfWeek } from '@makeries/shared';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { queryRows } from '../../db/client';
import { healthRefreshState } from '../../db/schema/index';
import type { JobLog, JobRuntime } from '../../jobs/runtime';

/** The periodic task's name in `job_schedules` (and its advisory lock). */
export const HEALTH_TASK = 'health.rollups';
/** How stale the past days of the dashboard may be (today is read live from the orders). */
const HEALTH_REFRESH_MS = 5 * 60_000;
/** Every day is rebuilt once a day: a backstop for any change that does not touch `updated_at`. */
const FULL_REBUILD_MS = 24 * 60 * 60_000;
/**
 * Changes are looked for from the last watermark minus this much: a transaction that stamped `updated_at` before
 * the last run but committed after it (a long sync drain, another instance's clock) is still seen.
 */
const WATERMARK_OVERLAP = '15 minutes';
const STATE_ROW = 'market';

/**
 * An order counts for GMV once the customer's money is promised: counter sales, card orders paid, web orders
 * placed to pay at pickup; rejected and cancelled orders and card checkouts never paid do not.
 */
export const COUNTED = sql`o.status NOT IN ('rejected', 'cancelled') AND o.payment_status <> 'unpaid'`;

/**
 * Per day × shop × channel sums of the orders `picked` selects (columns day, id, vendor_id, channel, total_cents),
 * with what was refunded of them so far (counter refunds plus succeeded card refunds). The picked orders are
 * materialised first so the planner finds them through the orders' indexes and looks up only their refunds.
 */
export const shopDaySums = (picked: SQL): SQL => sql`
  WITH picked AS MATERIALIZED (${picked})
  SELECT p.day, p.vendor_id, p.channel, count(*)::int AS orders, sum(p.total_cents)::bigint AS gmv_cents, coalesce(sum(rf.cents), 0)::bigint AS refunded_cents
  FROM picked p
  LEFT JOIN (
    SELECT x.order_id, sum(x.cents) AS cents FROM (
      SELECT r.order_id, r.total_cents::bigint AS cents FROM refunds r WHERE r.order_id IN (SELECT id FROM picked)
      UNION ALL
      SELECT pr.order_id, pr.amount_cents::bigint FROM payment_refunds pr WHERE pr.status = 'succeeded' AND pr.order_id IN (SELECT id FROM picked)
    ) x GROUP BY x.order_id
  ) rf ON rf.order_id = p.id
  GROUP BY p.day, p.vendor_id, p.channel`;

export interface HealthRefreshResult {
  full: boolean;
  /** days recomputed */
  days: number;
  /** weeks recomputed */
  weeks: number;
}

/** A list of `YYYY-MM-DD` as a Postgres date array (one text parameter, whatever the driver). */
const dateArray = (days: readonly string[]): SQL => sql`string_to_array(${days.join(',')}, ',')::date[]`;

/** The instant a market day starts: its local midnight (`date::timestamp AT TIME ZONE tz`, DST-aware). */
export const dayStart = (day: SQL, tz: string): SQL => sql`((${day})::timestamp AT TIME ZONE ${tz})`;

async function changedDays(tx: Tx, tz: string, since: Date): Promise<string[]> {
  const local = (col: SQL) => sql`to_char((${col} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD')`;
  const rows = await queryRows<{ day: string }>(
    tx,
    sql`
      SELECT ${local(sql`o.placed_at`)} AS day FROM orders o WHERE o.updated_at > ${since}::timestamptz - ${WATERMARK_OVERLAP}::interval
      UNION
      SELECT ${local(sql`c.created_at`)} FROM orders o JOIN checkouts c ON c.id = o.checkout_id
        WHERE o.updated_at > ${since}::timestamptz - ${WATERMARK_OVERLAP}::interval
      UNION
      SELECT ${local(sql`o.placed_at`)} FROM payment_refunds pr JOIN orders o ON o.id = pr.order_id
        WHERE pr.updated_at > ${since}::timestamptz - ${WATERMARK_OVERLAP}::interval
      UNION
      SELECT ${local(sql`c.created_at`)} FROM checkouts c WHERE c.created_at > ${since}::timestamptz - ${WATERMARK_OVERLAP}::interval`,
  );
  return rows.map((r) => r.day);
}

async function everyDay(tx: Tx, tz: string, today: string): Promise<string[]> {
  const [first] = await queryRows<{ day: string | null }>(
    tx,
    sql`SELECT to_char((least((SELECT min(placed_at) FROM orders), (SELECT min(created_at) FROM checkouts)) AT TIME ZONE ${tz})::date, 'YYYY-MM-DD') AS day`,
  );
  const days: string[] = [];
  for (let d = first?.day && first.day < today ? first.day : today; d <= today; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Recomputes the shop-day rows of `days` from the orders (one statement). */
async function recomputeShopDays(tx: Tx, tz: string, days: readonly string[], full: boolean): Promise<void> {
  if (full) {
    await tx.execute(sql`DELETE FROM health_shop_days`);
    await tx.execute(sql`
      INSERT INTO health_shop_days (day, vendor_id, channel, orders, gmv_cents, refunded_cents)
      ${shopDaySums(sql`SELECT (o.placed_at AT TIME ZONE ${tz})::date AS day, o.id, o.vendor_id, o.channel, o.total_cents FROM orders o WHERE ${COUNTED}`)}`);
    return;
  }
  await tx.execute(sql`DELETE FROM health_shop_days WHERE day = ANY(${dateArray(days)})`);
  await tx.execute(sql`
    INSERT INTO health_shop_days (day, vendor_id, channel, orders, gmv_cents, refunded_cents)
    ${shopDaySums(sql`
      SELECT d.day, o.id, o.vendor_id, o.channel, o.total_cents
      FROM unnest(${dateArray(days)}) AS d(day)
      JOIN orders o ON o.placed_at >= ${dayStart(sql`d.day`, tz)} AND o.placed_at < ${dayStart(sql`d.day + 1`, tz)}
      WHERE ${COUNTED}`)}`);
}

/** Market-wide sums of shop-day rows `h` (for one day or one week). */
const SHOP_SUMS = sql`
  coalesce(sum(h.orders) FILTER (WHERE h.channel = 'web'), 0)::int AS web_orders,
  coalesce(sum(h.orders) FILTER (WHERE h.channel = 'counter'), 0)::int AS counter_orders,
  coalesce(sum(h.gmv_cents) FILTER (WHERE h.channel = 'web'), 0)::bigint AS web_gmv_cents,
  coalesce(sum(h.gmv_cents) FILTER (WHERE h.channel = 'counter'), 0)::bigint AS counter_gmv_cents,
  coalesce(sum(h.refunded_cents), 0)::bigint AS refunded_cents,
  count(DISTINCT h.vendor_id)::int AS active_shops`;

/** Checkouts submitted from `start` to `end` and how many became an order (paid, or to pay at pickup). */
export const checkoutCounts = (start: SQL, end: SQL): SQL => sql`
  SELECT count(*)::int AS checkouts,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id AND o.payment_status <> 'unpaid'))::int AS converted
  FROM checkouts c WHERE c.created_at >= ${start} AND c.created_at < ${end}`;

async function recomputePeriods(tx: Tx, tz: string, days: readonly string[]): Promise<number> {
  await tx.execute(sql`DELETE FROM health_periods WHERE grain = 'day' AND start = ANY(${dateArray(days)})`);
  await tx.execute(sql`
    INSERT INTO health_periods (grain, start, web_orders, counter_orders, web_gmv_cents, counter_gmv_cents, refunded_cents, active_shops, checkouts, converted_checkouts)
    SELECT 'day', d.day, s.web_orders, s.counter_orders, s.web_gmv_cents, s.counter_gmv_cents, s.refunded_cents, s.active_shops, c.checkouts, c.converted
    FROM unnest(${dateArray(days)}) AS d(day)
    CROSS JOIN LATERAL (SELECT ${SHOP_SUMS} FROM health_shop_days h WHERE h.day = d.day) s
    CROSS JOIN LATERAL (${checkoutCounts(dayStart(sql`d.day`, tz), dayStart(sql`d.day + 1`, tz))}) c`);
  const weeks = [...new Set(days.map((d) => startOfWeek(d)))];
  await tx.execute(sql`DELETE FROM health_periods WHERE grain = 'week' AND start = ANY(${dateArray(weeks)})`);
  await tx.execute(sql`
    INSERT INTO health_periods (grain, start, web_orders, counter_orders, web_gmv_cents, counter_gmv_cents, refunded_cents, active_shops, checkouts, converted_checkouts)
    SELECT 'week', w.start, s.web_orders, s.counter_orders, s.web_gmv_cents, s.counter_gmv_cents, s.refunded_cents, s.active_shops, c.checkouts, c.converted
    FROM unnest(${dateArray(weeks)}) AS w(start)
    CROSS JOIN LATERAL (SELECT ${SHOP_SUMS} FROM health_shop_days h WHERE h.day >= w.start AND h.day < w.start + 7) s
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(p.checkouts), 0)::int AS checkouts, coalesce(sum(p.converted_checkouts), 0)::int AS converted
      FROM health_periods p WHERE p.grain = 'day' AND p.start >= w.start AND p.start < w.start + 7
    ) c`);
  return weeks.length;
}

/**
 * Brings the health rollups up to date in one transaction (readers keep the previous rows until it commits),
 * serialised by an advisory lock. Only the market days whose orders, card refunds or checkouts changed since the
 * last run (by `updated_at`, so a counter that was offline for days and syncs its old sales dirties *those* days),
 * plus today, are recomputed; the first run, a change of MARKET_TIMEZONE, `full`, or a day since the last full
 * rebuild recomputes everything.
 */
export async function refreshHealthRollups(db: DbOrTx, timezone: string, now: Date = new Date(), opts: { full?: boolean } = {}): Promise<HealthRefreshResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${HEALTH_TASK}))`);
    // the day joins are estimated far too wide; compiling them (JIT) costs more than running them
    await tx.execute(sql`SET LOCAL jit = off`);
    const [state] = await tx.select().from(healthRefreshState).where(eq(healthRefreshState.name, STATE_ROW));
    const [clock] = await queryRows<{ at: Date | string }>(tx, sql`SELECT now() AS at`);
    const watermark = new Date(clock?.at ?? now);
    const today = localDateIn(timezone, now);
    const full = opts.full === true || !state || state.timezone !== timezone || now.getTime() - state.fullAt.getTime() >= FULL_REBUILD_MS;
    let days: string[];
    if (full) {
      days = await everyDay(tx, timezone, today);
      await tx.execute(sql`DELETE FROM health_periods`);
    } else {
      days = [...new Set([...(await changedDays(tx, timezone, state.watermark)), today])].sort();
    }
    await recomputeShopDays(tx, timezone, days, full);
    const weeks = await recomputePeriods(tx, timezone, days);
    const values = { timezone, watermark, refreshedAt: now, daysRefreshed: days.length, ...(full ? { fullAt: now } : {}) };
    await tx
      .insert(healthRefreshState)
      .values({ name: STATE_ROW, fullAt: now, ...values })
      .onConflictDoUpdate({ target: healthRefreshState.name, set: values });
    return { full, days: days.length, weeks };
  });
}

/** When the rollups were last refreshed (null before the first run). */
export async function healthRefreshedAt(db: DbOrTx): Promise<Date | null> {
  const [state] = await db.select({ at: healthRefreshState.refreshedAt }).from(healthRefreshState).where(eq(healthRefreshState.name, STATE_ROW));
  return state?.at ?? null;
}

/**
 * Every instance registers the refresh; the runtime's schedule claim (`FOR UPDATE SKIP LOCKED` on the task's row)
 * lets exactly one of them run each due time, and the advisory lock keeps an on-demand refresh from interleaving.
 */
export function registerHealthRollups(runtime: JobRuntime, db: Db, timezone: string, opts: { now?: () => Date; log?: JobLog } = {}): void {
  runtime.every(HEALTH_TASK, HEALTH_REFRESH_MS, async () => {
    const result = await refreshHealthRollups(db, timezone, opts.now?.() ?? new Date());
    opts.log?.info({ task: HEALTH_TASK, ...result }, 'market health rollups refreshed');
  });
}
