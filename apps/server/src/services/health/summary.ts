import {
  addDays,
  healthSummaryInput,
  localDateIn,
  startOfWeek,
  type HealthGrain,
  type HealthPoint,
  type HealthSummary,
  type HealthSummaryInput,
  type HealthTotals,
} from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';
import { checkoutCounts, COUNTED, dayStart, healthRefreshedAt, shopDaySums } from './refresh';

export interface HealthMarket {
  timezone: string;
  currency: string;
}

interface PeriodRow {
  start: string;
  web_orders: number;
  counter_orders: number;
  web_gmv_cents: number | string;
  counter_gmv_cents: number | string;
  refunded_cents: number | string;
  active_shops: number;
  checkouts: number;
  converted_checkouts: number;
}

interface ShopRow {
  vendor_id: string;
  channel: 'web' | 'counter';
  orders: number;
  gmv_cents: number | string;
  refunded_cents: number | string | null;
}

const zeroPoint = (start: string): HealthPoint => ({
  start,
  webOrders: 0,
  counterOrders: 0,
  webGmvCents: 0,
  counterGmvCents: 0,
  refundedCents: 0,
  activeShops: 0,
  checkouts: 0,
  convertedCheckouts: 0,
});

function toPoint(r: PeriodRow): HealthPoint {
  return {
    start: r.start,
    webOrders: r.web_orders,
    counterOrders: r.counter_orders,
    webGmvCents: Number(r.web_gmv_cents),
    counterGmvCents: Number(r.counter_gmv_cents),
    refundedCents: Number(r.refunded_cents),
    activeShops: r.active_shops,
    checkouts: r.checkouts,
    convertedCheckouts: r.converted_checkouts,
  };
}

/** The bucket a day belongs to. */
const bucketOf = (day: string, by: HealthGrain): string => (by === 'week' ? startOfWeek(day) : day);

/** Today's counted orders per shop and channel, straight from the orders (index on `placed_at`). */
async function liveShopRows(db: DbOrTx, tz: string, today: string): Promise<ShopRow[]> {
  return queryRows<ShopRow>(
    db,
    sql`${shopDaySums(sql`
      SELECT ${today}::date AS day, o.id, o.vendor_id, o.channel, o.total_cents FROM orders o
      WHERE o.placed_at >= ${dayStart(sql`${today}::date`, tz)} AND o.placed_at < ${dayStart(sql`${today}::date + 1`, tz)} AND ${COUNTED}`)}`,
  );
}

/**
 * The bucket that contains today: its past days from the shop-day rollups, today live from the orders and the
 * checkouts, so the dashboard shows sales made a minute ago.
 */
async function currentBucket(db: DbOrTx, tz: string, start: string, today: string): Promise<{ point: HealthPoint; liveShops: string[] }> {
  // independent reads: on a pool they run side by side
  const [past, live, checkouts] = await Promise.all([
    start < today
      ? queryRows<ShopRow>(
          db,
          sql`SELECT vendor_id, channel, orders, gmv_cents, refunded_cents FROM health_shop_days WHERE day >= ${start}::date AND day < ${today}::date`,
        )
      : Promise.resolve([]),
    liveShopRows(db, tz, today),
    queryRows<{ checkouts: number; converted: number; past_checkouts: number; past_converted: number }>(
      db,
      sql`
        SELECT l.checkouts, l.converted,
               (SELECT coalesce(sum(p.checkouts), 0)::int FROM health_periods p WHERE p.grain = 'day' AND p.start >= ${start}::date AND p.start < ${today}::date) AS past_checkouts,
               (SELECT coalesce(sum(p.converted_checkouts), 0)::int FROM health_periods p WHERE p.grain = 'day' AND p.start >= ${start}::date AND p.start < ${today}::date) AS past_converted
        FROM (${checkoutCounts(dayStart(sql`${today}::date`, tz), dayStart(sql`${today}::date + 1`, tz))}) l`,
    ),
  ]);
  const point = zeroPoint(start);
  const shops = new Set<string>();
  for (const r of [...past, ...live]) {
    shops.add(r.vendor_id);
    if (r.channel === 'web') {
      point.webOrders += r.orders;
      point.webGmvCents += Number(r.gmv_cents);
    } else {
      point.counterOrders += r.orders;
      point.counterGmvCents += Number(r.gmv_cents);
    }
    point.refundedCents += Number(r.refunded_cents ?? 0);
  }
  point.activeShops = shops.size;
  const [c] = checkouts;
  point.checkouts = (c?.checkouts ?? 0) + (c?.past_checkouts ?? 0);
  point.convertedCheckouts = (c?.converted ?? 0) + (c?.past_converted ?? 0);
  return { point, liveShops: live.map((r) => r.vendor_id) };
}

/** Shops with an order in [from, lastPast] by the rollups: one index probe per shop on (vendor_id, day). */
async function activeShopsBefore(db: DbOrTx, from: string, lastPast: string): Promise<string[]> {
  if (lastPast < from) return [];
  const rows = await queryRows<{ vendor_id: string }>(
    db,
    sql`SELECT v.id AS vendor_id FROM vendors v
        WHERE EXISTS (SELECT 1 FROM health_shop_days h WHERE h.vendor_id = v.id AND h.day >= ${from}::date AND h.day <= ${lastPast}::date)`,
  );
  return rows.map((r) => r.vendor_id);
}

function totalsOf(series: readonly HealthPoint[], activeShops: number): HealthTotals {
  const sum = (f: (p: HealthPoint) => number) => series.reduce((a, p) => a + f(p), 0);
  const webOrders = sum((p) => p.webOrders);
  const counterOrders = sum((p) => p.counterOrders);
  const webGmvCents = sum((p) => p.webGmvCents);
  const counterGmvCents = sum((p) => p.counterGmvCents);
  const refundedCents = sum((p) => p.refundedCents);
  const checkouts = sum((p) => p.checkouts);
  const convertedCheckouts = sum((p) => p.convertedCheckouts);
  const orders = webOrders + counterOrders;
  const gmvCents = webGmvCents + counterGmvCents;
  return {
    orders,
    webOrders,
    counterOrders,
    gmvCents,
    webGmvCents,
    counterGmvCents,
    refundedCents,
    netCents: gmvCents - refundedCents,
    averageBasketCents: orders > 0 ? Math.round(gmvCents / orders) : null,
    checkouts,
    convertedCheckouts,
    conversionRate: checkouts > 0 ? convertedCheckouts / checkouts : null,
    activeShops,
  };
}

/**
 * The market's figures for a range of days or whole ISO weeks in the market's time zone. Past buckets are read from
 * the rollups (at most 731 rows), the bucket holding today is assembled from the past days' shop rows plus today's
 * orders read live; buckets after today are not listed. GMV is gross (refunds are shown beside it, counted on the
 * refunded order's day); see services/health/README.md.
 */
export async function healthSummary(db: DbOrTx, market: HealthMarket, rawInput: HealthSummaryInput, now: Date = new Date()): Promise<HealthSummary> {
  const input = healthSummaryInput.parse(rawInput);
  const by = input.by;
  const tz = market.timezone;
  const from = bucketOf(input.from, by);
  const to = by === 'week' ? addDays(startOfWeek(input.to), 6) : input.to;
  const today = localDateIn(tz, now);
  const current = bucketOf(today, by);
  const lastBucket = to < current ? bucketOf(to, by) : current;
  const lastPast = addDays(today, -1) < to ? addDays(today, -1) : to;
  const hasToday = current >= from && current <= to;
  const [pastRows, cur, pastShops, refreshedAt] = await Promise.all([
    queryRows<PeriodRow>(
      db,
      sql`SELECT to_char(start, 'YYYY-MM-DD') AS start, web_orders, counter_orders, web_gmv_cents, counter_gmv_cents, refunded_cents,
                 active_shops, checkouts, converted_checkouts
          FROM health_periods WHERE grain = ${by} AND start >= ${from}::date AND start <= ${to}::date AND start < ${current}::date
          ORDER BY start`,
    ),
    hasToday ? currentBucket(db, tz, current, today) : Promise.resolve(null),
    activeShopsBefore(db, from, lastPast),
    healthRefreshedAt(db),
  ]);
  const byStart = new Map(pastRows.map((r) => [r.start, toPoint(r)]));
  if (cur) byStart.set(current, cur.point);
  const series: HealthPoint[] = [];
  const step = by === 'week' ? 7 : 1;
  for (let s = from; s <= lastBucket; s = addDays(s, step)) series.push(byStart.get(s) ?? zeroPoint(s));
  const activeShops = new Set([...pastShops, ...(cur?.liveShops ?? [])]).size;
  return {
    from,
    to,
    by,
    currency: market.currency,
    timezone: tz,
    today,
    refreshedAt: refreshedAt?.toISOString() ?? null,
    totals: totalsOf(series, activeShops),
    series,
  };
}
