import { beforeAll, expect, it } from 'vitest';
import { createVendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { healthCsv } from './csv';
import { refreshHealthRollups } from './refresh';
import { healthSummary } from './summary';
import { clearOrders, insertCheckout, insertCounterRefund, insertOrder } from './test-kit';

const MARKET = { timezone: 'Europe/London', currency: 'GBP' };
const at = (iso: string) => new Date(iso);
/** Wednesday 20 May 2026, early afternoon in London */
const NOW = at('2026-05-20T12:00:00Z');

describeEachDb('market health summary', (get) => {
  const db = () => get().database.db;
  let shopA: string;
  let shopB: string;
  let shopC: string;

  beforeAll(async () => {
    await clearOrders(db());
    shopA = (await createVendorFixture(db())).vendorId;
    shopB = (await createVendorFixture(db())).vendorId;
    shopC = (await createVendorFixture(db())).vendorId;
    // Monday 18 May: two web orders of shop A (one refunded in part), a counter sale of shop B
    const checkout = await insertCheckout(db(), at('2026-05-18T09:00:00Z'));
    await insertCheckout(db(), at('2026-05-18T09:30:00Z'));
    await insertOrder(db(), { vendorId: shopA, channel: 'web', placedAt: at('2026-05-18T09:00:00Z'), totalCents: 2000, checkoutId: checkout });
    await insertOrder(db(), { vendorId: shopA, channel: 'web', placedAt: at('2026-05-18T10:00:00Z'), totalCents: 1000 });
    const sale = await insertOrder(db(), { vendorId: shopB, channel: 'counter', placedAt: at('2026-05-18T11:00:00Z'), totalCents: 3000 });
    await insertCounterRefund(db(), shopB, sale, 500);
    // Sunday 17 May (the week before)
    await insertOrder(db(), { vendorId: shopC, channel: 'counter', placedAt: at('2026-05-17T15:00:00Z'), totalCents: 4000 });
    // a rejected order never counts
    await insertOrder(db(), { vendorId: shopC, channel: 'web', placedAt: at('2026-05-18T12:00:00Z'), totalCents: 9999, status: 'rejected' });
    await refreshHealthRollups(db(), MARKET.timezone, at('2026-05-20T08:00:00Z'));
    // sold today after the last refresh: read live, not from the rollups
    await insertOrder(db(), { vendorId: shopC, channel: 'web', placedAt: at('2026-05-20T11:00:00Z'), totalCents: 600 });
  });

  it('adds up each day from the rollups and today live from the orders', async () => {
    const s = await healthSummary(db(), MARKET, { from: '2026-05-17', to: '2026-05-31', by: 'day' }, NOW);
    expect(s.today).toBe('2026-05-20');
    // no days after today
    expect(s.series.map((p) => p.start)).toEqual(['2026-05-17', '2026-05-18', '2026-05-19', '2026-05-20']);
    const [sun, mon, tue, wed] = s.series;
    expect(sun).toMatchObject({ counterOrders: 1, counterGmvCents: 4000, activeShops: 1 });
    expect(mon).toMatchObject({ webOrders: 2, counterOrders: 1, webGmvCents: 3000, counterGmvCents: 3000, refundedCents: 500, activeShops: 2, checkouts: 2, convertedCheckouts: 1 });
    expect(tue).toMatchObject({ webOrders: 0, counterOrders: 0, activeShops: 0 });
    expect(wed).toMatchObject({ webOrders: 1, webGmvCents: 600, activeShops: 1 });
    expect(s.totals).toEqual({
      orders: 5,
      webOrders: 3,
      counterOrders: 2,
      gmvCents: 10600,
      webGmvCents: 3600,
      counterGmvCents: 7000,
      refundedCents: 500,
      netCents: 10100,
      averageBasketCents: 2120,
      checkouts: 2,
      convertedCheckouts: 1,
      conversionRate: 0.5,
      activeShops: 3,
    });
    expect(s.refreshedAt).toBe('2026-05-20T08:00:00.000Z');
  });

  it('groups by Monday-to-Sunday weeks, widening the range to whole weeks, the current week partly live', async () => {
    const s = await healthSummary(db(), MARKET, { from: '2026-05-13', to: '2026-05-20', by: 'week' }, NOW);
    expect([s.from, s.to]).toEqual(['2026-05-11', '2026-05-24']);
    expect(s.series.map((p) => [p.start, p.webOrders + p.counterOrders, p.webGmvCents + p.counterGmvCents, p.activeShops])).toEqual([
      ['2026-05-11', 1, 4000, 1],
      ['2026-05-18', 4, 6600, 3],
    ]);
    expect(s.totals.activeShops).toBe(3);
  });

  it('reads a range in the past from the rollups alone', async () => {
    const s = await healthSummary(db(), MARKET, { from: '2026-05-18', to: '2026-05-18' }, NOW);
    expect(s.totals).toMatchObject({ orders: 3, gmvCents: 6000, activeShops: 2, averageBasketCents: 2000 });
  });

  it('exports the series as CSV with money in minor units', async () => {
    const s = await healthSummary(db(), MARKET, { from: '2026-05-17', to: '2026-05-18' }, NOW);
    const { filename, csv } = healthCsv(s);
    expect(filename).toBe('makeries-health-day-2026-05-17-to-2026-05-18.csv');
    expect(csv.split('\r\n')).toEqual([
      'period_start,currency,orders,web_orders,counter_orders,gmv_minor,web_gmv_minor,counter_gmv_minor,refunded_minor,net_minor,average_basket_minor,checkouts,converted_checkouts,conversion_rate,active_shops',
      '2026-05-17,GBP,1,0,1,4000,0,4000,0,4000,4000,0,0,,1',
      '2026-05-18,GBP,3,2,1,6000,3000,3000,500,5500,2000,2,1,0.5000,2',
      '',
    ]);
  });
});
