import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval, signIn } from '../test/fixtures';
import { expectRefused, startKit, type CounterClient, type Kit } from './test-kit';

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
      taxCents: 65 + 67,
      discountCents: 0,
      refundCount: 1,
      refundsCents: 390,
      netCents: 450 + 399,
      averageSaleCents: 413,
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
    expect(r.totals).toMatchObject({ salesCount: 4, revenueCents: 1689, netCents: 1299 });
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
