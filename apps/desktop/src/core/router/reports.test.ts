import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval, signIn } from '../test/fixtures';
import { expectRefused, startKit, webOrderChange, type CounterClient, type Kit } from './test-kit';

/*
 * Reports read this counter's own sales and refunds, bucketed in the shop's time zone (Europe/London: BST,
 * UTC+1, in May). Sales go through the real core (cart → complete, refund with a manager's PIN).
 */

let kit: Kit;
let c: CounterClient;

async function at(iso: string, who: 'cashier' | 'cashier2' | 'manager' = 'cashier'): Promise<void> {
  kit.t.clock.t = Date.parse(iso);
  // hours pass between sales: sign in again as the auto-lock would ask
  await signIn(kit.core, kit.shop, who);
}

function sell(code: string, qty: number, tender: 'cash' | 'external_card') {
  const line = kit.core.cart.addScan({ code });
  if (qty > 1) kit.core.cart.setQuantity({ lineId: line.lineId, quantity: qty });
  const total = kit.core.cart.current()?.totals.totalCents ?? 0;
  return kit.core.sales.complete({ tenders: [tender === 'cash' ? { kind: 'cash', tenderedCents: total } : { kind: 'external_card', amountCents: total }] });
}

const day1 = { range: { from: '2025-05-01', to: '2025-05-01' } };
let croissantSale = '';

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
  const { barcodes } = kit.shop;
  await at('2025-05-01T08:55:00.000Z');
  kit.core.shifts.open({ floatCents: 10_000 });
  await at('2025-05-01T09:00:00.000Z'); // 10:00 local
  sell(barcodes.loaf, 1, 'cash'); // 4.50
  await at('2025-05-01T12:15:00.000Z', 'cashier2'); // 13:15 local
  croissantSale = sell(barcodes.croissant, 2, 'external_card').number; // 3.90
  await at('2025-05-01T13:00:00.000Z');
  const sale = (await c.sales.list.query({ limit: 10 })).find((s) => s.number === croissantSale);
  await kit.core.refunds.refund({ saleId: sale?.id ?? '', restock: true, reason: 'stale', approval: managerApproval(kit.shop) });
  await at('2025-05-01T22:30:00.000Z'); // 23:30 local, still 1 May in Bristol
  sell(barcodes.jam, 1, 'cash'); // 3.99
  await at('2025-05-01T23:30:00.000Z'); // 00:30 local on 2 May, while UTC still says 1 May
  sell(barcodes.loaf, 1, 'external_card'); // 4.50
  await at('2025-05-01T23:40:00.000Z', 'manager');
});
afterAll(() => kit.close());

describe('reports from the counter’s own sales', () => {
  it('totals a local day, with refunds taken off and the 23:30 sale on its own day and hour', async () => {
    const r = await c.reports.summary.query(day1);
    expect(r).toMatchObject({ from: '2025-05-01', to: '2025-05-01', timezone: 'Europe/London', currency: 'GBP', registerCode: 'A1', unsyncedSales: 3 });
    expect(r.totals).toEqual({
      salesCount: 3,
      revenueCents: 450 + 390 + 399,
      refundCount: 1,
      refundsCents: 390,
      afterRefundsCents: 450 + 399,
      averageSaleCents: 413,
    });
    // tax-inclusive shop: gross = shelf prices incl. tax 4.50 + 3.90 + 3.99 = 12.39; no discounts;
    // tax inside: croissants 390 · 2000/12000 = 65, jam 399 · 2000/12000 = 66.5 → 67, loaf zero-rated → 132;
    // net before tax 1239 − 132 = 1107; total paid 1107 + 132 = 1239; refunds 390 beside it; after refunds 849.
    expect(r.figures).toEqual({
      sales: { count: 3, grossBasis: 'tax_inclusive', grossCents: 1239, discountCents: 0, netCents: 1107, taxCents: 132, deliveryFeeCents: 0, totalCents: 1239, roundingCents: 0, takenCents: 1239 },
      refunds: { count: 1, totalCents: 390, roundingCents: 0, paidOutCents: 390 },
      afterRefundsCents: 849,
    });
    const busy = r.byHour.filter((h) => h.salesCount > 0).map((h) => [h.hour, h.salesCount, h.revenueCents]);
    expect(busy).toEqual([
      [10, 1, 450],
      [13, 1, 390],
      [23, 1, 399],
    ]);
    expect(r.byHour).toHaveLength(24);
    expect(r.byDay).toEqual([{ date: '2025-05-01', salesCount: 3, revenueCents: 1239, refundsCents: 390 }]);
  });

  it('splits tenders, ranks products and staff, and lists refunds with who approved them', async () => {
    const r = await c.reports.summary.query(day1);
    expect(r.tenders).toEqual([
      { kind: 'cash', paymentsCount: 2, takenCents: 849, refundedCents: 0, netCents: 849 },
      { kind: 'stripe_terminal', paymentsCount: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
      { kind: 'external_card', paymentsCount: 1, takenCents: 390, refundedCents: 390, netCents: 0 },
    ]);
    expect(r.topProducts.map((p) => [p.sku, p.quantity, p.revenueCents, p.salesCount])).toEqual([
      ['LOAF-1', 1, 450, 1],
      ['JAM-1', 1, 399, 1],
      ['CRO-1', 2, 390, 1],
    ]);
    expect(r.staff.map((s) => [s.name, s.salesCount, s.revenueCents, s.refundCount])).toEqual([
      ['Cas Cashier', 2, 849, 1],
      ['Cy Cashier', 1, 390, 0],
    ]);
    expect(r.refunds).toEqual([
      expect.objectContaining({ saleNumber: croissantSale, staffName: 'Cas Cashier', approvedByName: 'Mo Manager', reason: 'stale', restock: true, tender: 'external_card', paidOutCents: 390 }),
    ]);
  });

  it('buckets a range by local day, empty days included', async () => {
    const r = await c.reports.summary.query({ range: { from: '2025-04-30', to: '2025-05-02' } });
    expect(r.byDay.map((d) => [d.date, d.salesCount, d.revenueCents])).toEqual([
      ['2025-04-30', 0, 0],
      ['2025-05-01', 3, 1239],
      ['2025-05-02', 1, 450],
    ]);
    expect(r.byHour[0]).toEqual({ hour: 0, salesCount: 1, revenueCents: 450 });
    expect(r.totals).toMatchObject({ salesCount: 4, revenueCents: 1689, afterRefundsCents: 1299 });
  });

  it('reads "today" and "yesterday" in the shop’s time zone, not UTC', async () => {
    // 23:40 UTC on 1 May is 00:40 on 2 May in Bristol
    const today = await c.reports.summary.query({ range: { preset: 'today' } });
    expect(today).toMatchObject({ from: '2025-05-02', to: '2025-05-02', totals: { salesCount: 1, revenueCents: 450 } });
    const yesterday = await c.reports.summary.query({ range: { preset: 'yesterday' } });
    expect(yesterday).toMatchObject({ from: '2025-05-01', totals: { salesCount: 3 } });
    expect(await c.reports.summary.query({ range: { preset: 'last7' } })).toMatchObject({ from: '2025-04-26', to: '2025-05-02' });
    expect(await c.reports.summary.query({ range: { preset: 'thisMonth' } })).toMatchObject({ from: '2025-05-01', totals: { salesCount: 4 } });
  });

  it('refuses a bad range in words, and refuses cashiers', async () => {
    await expectRefused(kit.core, () => c.reports.summary.query({ range: { from: '2025-05-02', to: '2025-05-01' } }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.reports.summary.query({ range: { from: '2025-02-30', to: '2025-03-01' } }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.reports.summary.query({ range: { from: '2024-01-01', to: '2025-05-01' } }), 'BAD_INPUT');
    const err = await expectRefused(kit.core, () => c.reports.summary.query({ range: { from: '2025-5-1', to: '2025-05-01' } }), 'BAD_INPUT');
    expect(err.message).toMatch(/2025-05-01/);
    await signIn(kit.core, kit.shop, 'cashier');
    await expectRefused(kit.core, () => c.reports.summary.query(day1), 'FORBIDDEN');
    await signIn(kit.core, kit.shop, 'manager');
  });
});

describe('all channels: this register beside the shop’s web orders', () => {
  it('counts completed web orders on the day they were placed, with delivery fees, and keeps open ones apart', async () => {
    const order = (number: string, placedAt: string, status: string, extra: Record<string, unknown> = {}) => {
      const change = webOrderChange(kit.shop, number, placedAt, status);
      return { ...change, data: { ...change.data, ...extra } };
    };
    kit.core.mirror.applyPage({
      changes: [
        // delivered: 2 × jam 7.98 incl. tax, 10% off = 0.80 → 7.18; tax inside 718 · 2000/12000 = 119.7 → 120;
        // delivery 2.50 untaxed; paid 7.18 + 2.50 = 9.68
        order('W-1', '2025-05-01T10:00:00.000Z', 'completed', {
          fulfilment: 'delivery', subtotalCents: 798, discountCents: 80, taxCents: 120, deliveryFeeCents: 250, totalCents: 968,
        }),
        order('W-2', '2025-05-01T11:00:00.000Z', 'completed'), // 2 loaves 9.00, zero-rated, collected
        order('W-3', '2025-05-01T12:00:00.000Z', 'ready'), // 9.00 waiting on the shelf: not counted yet
        order('W-4', '2025-05-01T12:30:00.000Z', 'cancelled'), // never counts
        order('W-5', '2025-05-01T23:10:00.000Z', 'completed'), // 00:10 on 2 May in Bristol: another day
      ],
      nextCursor: '2',
      epoch: 'epoch-1',
    });
    const r = await c.reports.summary.query(day1);
    // web: gross 798 + 900 = 1698; discounts 80; net (798 − 80 − 120) + 900 = 1498; tax 120; delivery 250;
    // total 1498 + 120 + 250 = 1868 (= 968 + 900 paid)
    expect(r.channels.web.sales).toEqual({
      count: 2, grossBasis: 'tax_inclusive', grossCents: 1698, discountCents: 80, netCents: 1498, taxCents: 120, deliveryFeeCents: 250, totalCents: 1868, roundingCents: 0, takenCents: 1868,
    });
    expect(r.channels.web.refunds.count).toBe(0);
    expect(r.channels.counter).toEqual(r.figures);
    // all: net 1107 + 1498 = 2605; tax 132 + 120 = 252; total 2605 + 252 + 250 = 3107 (= 1239 + 1868);
    // the counter's 3.90 refund beside it: 3107 − 390 = 2717 after refunds
    expect(r.channels.all.sales).toMatchObject({ count: 5, grossCents: 1239 + 1698, discountCents: 80, netCents: 2605, taxCents: 252, deliveryFeeCents: 250, totalCents: 3107 });
    expect(r.channels.all.afterRefundsCents).toBe(2717);
    expect(r.channels.webOpen).toEqual({ count: 1, totalCents: 900 });
    expect(r.channels.webRule).toMatch(/completed, on the day they were placed/);
    // this register's own figures are untouched by the web
    expect(r.totals.revenueCents).toBe(1239);
    const next = await c.reports.summary.query({ range: { from: '2025-05-02', to: '2025-05-02' } });
    expect(next.channels.web.sales).toMatchObject({ count: 1, totalCents: 900 });
  });
});

describe('stock history', () => {
  it('lists this counter’s stock movements newest first, with names and sync state', async () => {
    await c.inventory.receive.mutate({ variantId: kit.shop.variants.jam, quantity: 12, note: 'Supplier: Hill Farm' });
    const recent = await c.stockHistory.recent.query({ limit: 3 });
    expect(recent.map((m) => [m.kind, m.sku, m.quantity, m.staffName, m.pendingSync])).toEqual([
      ['receive', 'JAM-1', 12, 'Mo Manager', true],
      ['sale', 'LOAF-1', -1, 'Cas Cashier', true],
      ['sale', 'JAM-1', -1, 'Cas Cashier', true],
    ]);
    expect(recent[0]).toMatchObject({ name: 'Strawberry Jam', note: 'Supplier: Hill Farm', variantName: '' });
    const refunds = await c.stockHistory.recent.query({ kinds: ['refund'] });
    expect(refunds.map((m) => [m.sku, m.quantity])).toEqual([['CRO-1', 2]]);
    const loaf = await c.stockHistory.recent.query({ variantId: kit.shop.variants.loaf });
    expect(loaf.map((m) => m.kind)).toEqual(['sale', 'sale']);
    await expectRefused(kit.core, () => c.stockHistory.recent.query({ kinds: ['stolen' as 'sale'] }), 'BAD_INPUT');
  });
});
