import { localDateIn } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createJobRuntime } from '../../jobs/runtime';
import { createVendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { HEALTH_TASK, refreshHealthRollups, registerHealthRollups } from './refresh';
import { clearOrders, insertCardRefund, insertCheckout, insertCounterRefund, insertOrder, shopDays, type ShopDayRow, type TestOrder } from './test-kit';

const LONDON = 'Europe/London';
const at = (iso: string) => new Date(iso);

describeEachDb('market health rollups', (get) => {
  const db = () => get().database.db;
  let shopA: string;
  let shopB: string;

  beforeAll(async () => {
    shopA = (await createVendorFixture(db())).vendorId;
    shopB = (await createVendorFixture(db())).vendorId;
  });
  beforeEach(async () => {
    await clearOrders(db());
  });

  /** What the rollup must hold, computed here from the orders we wrote rather than by the refresh's SQL. */
  function expected(list: readonly (TestOrder & { refunded?: number })[], tz: string): ShopDayRow[] {
    const m = new Map<string, ShopDayRow>();
    for (const o of list) {
      const status = o.status ?? (o.channel === 'web' ? 'accepted' : 'completed');
      const pay = o.paymentStatus ?? (o.channel === 'web' ? 'pay_at_pickup' : 'paid');
      if (status === 'rejected' || status === 'cancelled' || pay === 'unpaid') continue;
      const day = localDateIn(tz, o.placedAt);
      const key = `${day}|${o.vendorId}|${o.channel}`;
      const row = m.get(key) ?? { day, vendor_id: o.vendorId, channel: o.channel, orders: 0, gmv_cents: 0, refunded_cents: 0 };
      row.orders += 1;
      row.gmv_cents += o.totalCents;
      row.refunded_cents += o.refunded ?? 0;
      m.set(key, row);
    }
    return [...m.values()].sort((a, b) => (a.day + a.vendor_id + a.channel < b.day + b.vendor_id + b.channel ? -1 : 1));
  }

  it('holds exactly what the orders say: counted orders only, refunds beside, per day × shop × channel', async () => {
    const list: (TestOrder & { refunded?: number })[] = [];
    for (let i = 0; i < 40; i++) {
      const o: TestOrder = {
        vendorId: i % 3 === 0 ? shopB : shopA,
        channel: i % 2 === 0 ? 'web' : 'counter',
        placedAt: new Date(Date.UTC(2026, 4, 1 + (i % 6), (i * 7) % 24, (i * 13) % 60)),
        totalCents: 500 + i * 37,
        ...(i % 11 === 0 ? { status: 'rejected' as const } : {}),
        ...(i % 13 === 4 ? { paymentStatus: 'unpaid' as const } : {}),
      };
      list.push(o);
    }
    const ids = [];
    for (const o of list) ids.push(await insertOrder(db(), o));
    // a counter refund and a card refund (plus one still pending, which must not count) of counted orders
    await insertCounterRefund(db(), shopA, ids[1] ?? '', 200);
    (list[1] as { refunded?: number }).refunded = 200;
    await insertCardRefund(db(), shopA, ids[2] ?? '', 150);
    await insertCardRefund(db(), shopA, ids[2] ?? '', 99, 'pending');
    (list[2] as { refunded?: number }).refunded = 150;

    const result = await refreshHealthRollups(db(), LONDON, at('2026-05-10T12:00:00Z'));
    expect(result.full).toBe(true);
    expect(await shopDays(db())).toEqual(expected(list, LONDON));

    // the day and week periods agree with the shop-day rows
    const [check] = await queryRows<{ bad: number }>(
      db(),
      sql`SELECT count(*)::int AS bad FROM health_periods p
          WHERE p.web_orders + p.counter_orders <> coalesce((SELECT sum(orders) FROM health_shop_days h
            WHERE h.day >= p.start AND h.day < p.start + CASE p.grain WHEN 'week' THEN 7 ELSE 1 END), 0)`,
    );
    expect(check?.bad).toBe(0);
  });

  it('cuts days at local midnight in the market’s time zone, across summer time and its change', async () => {
    const list: TestOrder[] = [
      // 23:30 UTC in British summer time is 00:30 the next local day
      { vendorId: shopA, channel: 'counter', placedAt: at('2026-06-30T23:30:00Z'), totalCents: 100 },
      // in winter (GMT) 23:30 UTC is the same day
      { vendorId: shopA, channel: 'counter', placedAt: at('2026-01-15T23:30:00Z'), totalCents: 200 },
      // the clocks went forward on 29 March 2026: 23:00 UTC that day is already 00:00 on the 30th
      { vendorId: shopA, channel: 'web', placedAt: at('2026-03-29T23:00:00Z'), totalCents: 300 },
      { vendorId: shopA, channel: 'web', placedAt: at('2026-03-29T22:59:59Z'), totalCents: 400 },
    ];
    for (const o of list) await insertOrder(db(), o);
    await refreshHealthRollups(db(), LONDON, at('2026-07-02T12:00:00Z'));
    const rows = await shopDays(db());
    expect(rows.map((r) => [r.day, r.gmv_cents])).toEqual([
      ['2026-01-15', 200],
      ['2026-03-29', 400],
      ['2026-03-30', 300],
      ['2026-07-01', 100],
    ]);

    // another time zone rebuilds every day in that zone
    const result = await refreshHealthRollups(db(), 'America/New_York', at('2026-07-02T12:00:00Z'));
    expect(result.full).toBe(true);
    expect((await shopDays(db())).map((r) => [r.day, r.gmv_cents])).toEqual([
      ['2026-01-15', 200],
      ['2026-03-29', 700],
      ['2026-06-30', 100],
    ]);
  });

  it('recomputes the past days of a counter’s late-synced sales and a later refund, not only recent days', async () => {
    const now = at('2026-05-20T12:00:00Z');
    const first = await insertOrder(db(), { vendorId: shopA, channel: 'web', placedAt: at('2026-05-02T10:00:00Z'), totalCents: 1000 });
    expect((await refreshHealthRollups(db(), LONDON, now)).full).toBe(true);
    const before = await shopDays(db());

    // a counter that was offline syncs sales it made two weeks ago and yesterday
    await insertOrder(db(), { vendorId: shopB, channel: 'counter', placedAt: at('2026-05-05T09:00:00Z'), totalCents: 700 });
    await insertOrder(db(), { vendorId: shopB, channel: 'counter', placedAt: at('2026-05-19T09:00:00Z'), totalCents: 300 });
    // and a card refund lands on the order of the 2nd
    await insertCardRefund(db(), shopA, first, 250);
    const result = await refreshHealthRollups(db(), LONDON, new Date(now.getTime() + 5 * 60_000));
    expect(result.full).toBe(false);
    // the dirty days plus today, not the whole history
    expect(result.days).toBe(4);
    const after = await shopDays(db());
    expect(after).not.toEqual(before);
    expect(after.map((r) => [r.day, r.channel, r.orders, r.gmv_cents, r.refunded_cents])).toEqual([
      ['2026-05-02', 'web', 1, 1000, 250],
      ['2026-05-05', 'counter', 1, 700, 0],
      ['2026-05-19', 'counter', 1, 300, 0],
    ]);
    const weeks = await queryRows<{ start: string; counter_orders: number; active_shops: number }>(
      db(),
      sql`SELECT to_char(start, 'YYYY-MM-DD') AS start, counter_orders, active_shops FROM health_periods WHERE grain = 'week' AND counter_orders > 0 ORDER BY start`,
    );
    expect(weeks.map((w) => [w.start, w.counter_orders])).toEqual([
      ['2026-05-04', 1],
      ['2026-05-18', 1],
    ]);

    // a counter refund of that old sale comes through the same way
    const old = await queryRows<{ id: string }>(db(), sql`SELECT id FROM orders WHERE total_cents = 700`);
    await insertCounterRefund(db(), shopB, old[0]?.id ?? '', 100);
    await refreshHealthRollups(db(), LONDON, new Date(now.getTime() + 10 * 60_000));
    expect((await shopDays(db())).find((r) => r.day === '2026-05-05')?.refunded_cents).toBe(100);
  });

  it('counts checkouts and the ones that became an order on the checkout’s day', async () => {
    const paid = await insertCheckout(db(), at('2026-05-03T10:00:00Z'));
    const abandoned = await insertCheckout(db(), at('2026-05-03T11:00:00Z'));
    await insertCheckout(db(), at('2026-05-04T11:00:00Z'));
    await insertOrder(db(), { vendorId: shopA, channel: 'web', placedAt: at('2026-05-03T10:00:00Z'), totalCents: 900, checkoutId: paid, paymentStatus: 'paid' });
    await insertOrder(db(), { vendorId: shopA, channel: 'web', placedAt: at('2026-05-03T11:00:00Z'), totalCents: 900, checkoutId: abandoned, paymentStatus: 'unpaid' });
    await refreshHealthRollups(db(), LONDON, at('2026-05-10T12:00:00Z'));
    const days = await queryRows<{ start: string; checkouts: number; converted_checkouts: number; web_orders: number }>(
      db(),
      sql`SELECT to_char(start, 'YYYY-MM-DD') AS start, checkouts, converted_checkouts, web_orders FROM health_periods WHERE grain = 'day' AND checkouts > 0 ORDER BY start`,
    );
    expect(days.map((d) => [d.start, d.checkouts, d.converted_checkouts, d.web_orders])).toEqual([
      ['2026-05-03', 2, 1, 1],
      ['2026-05-04', 1, 0, 0],
    ]);
  });

  describe('the periodic job', () => {
    it('runs once per due time however many instances register it, and fills the rollups', async () => {
      await insertOrder(db(), { vendorId: shopA, channel: 'counter', placedAt: at('2026-05-03T10:00:00Z'), totalCents: 555 });
      const now = () => at('2026-05-10T12:00:00Z');
      const a = createJobRuntime(db(), { now });
      const b = createJobRuntime(db(), { now });
      registerHealthRollups(a, db(), LONDON, { now });
      registerHealthRollups(b, db(), LONDON, { now });
      const [ta, tb] = await Promise.all([a.tick(), b.tick()]);
      expect([...(ta?.periodic ?? []), ...(tb?.periodic ?? [])].filter((n) => n === HEALTH_TASK)).toEqual([HEALTH_TASK]);
      expect((await shopDays(db())).map((r) => r.gmv_cents)).toEqual([555]);
    });
  });
});
