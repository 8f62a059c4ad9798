import { shiftEventArgs } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, snapshotCounts, type Shop, type TestCore, codeOf } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

async function ready(): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core);
  await signIn(t.core, shop);
  return shop;
}


describe('shifts', () => {
  it('runs a day: float, sales, paid in/out, no-sale, X report, count and Z report with over/short', async () => {
    const shop = await ready();
    const opened = t.core.shifts.open({ floatCents: 10_000 });
    expect(opened.cash.expectedCents).toBe(10_000);
    t.core.cart.addScan({ code: shop.barcodes.loaf });
    t.core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }); // +4.50
    t.core.cart.addScan({ code: shop.barcodes.croissant });
    t.core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 195 }] });
    t.core.shifts.paidIn({ amountCents: 2_000, reason: 'extra change from the bank' });
    t.core.shifts.paidOut({ amountCents: 350, reason: 'window cleaner' });
    t.core.shifts.noSale({ reason: 'customer needed change for the car park' });

    const x = t.core.shifts.xReport();
    expect(x).toMatchObject({
      status: 'open',
      // tax-inclusive: gross 4.50 + 1.95 = 6.45 incl. tax; tax inside the croissant 195 · 2000 / 12000 = 32.5 → 33
      // (loaf zero-rated); net before tax 6.45 − 0.33 = 6.12; total paid 6.12 + 0.33 = 6.45
      sales: { count: 2, grossBasis: 'tax_inclusive', grossCents: 645, discountCents: 0, netCents: 612, taxCents: 33, totalCents: 645, takenCents: 645 },
      refunds: { count: 0, totalCents: 0 },
      afterRefundsCents: 645,
      noSaleCount: 1,
      cash: { floatCents: 10_000, salesCents: 450, paidInCents: 2_000, paidOutCents: 350, refundsCents: 0, expectedCents: 12_100 },
      counted: null,
    });
    expect(x.tenders).toEqual([
      { kind: 'cash', count: 1, amountCents: 450 },
      { kind: 'external_card', count: 1, amountCents: 195 },
    ]);

    // counted £121.05: five £20s, two £10s, one £1 coin and a 5p — 5p over
    const z = t.core.shifts.close({ counted: { '2000': 5, '1000': 2, '100': 1, '5': 1 } });
    expect(z).toMatchObject({ status: 'closed', closedBy: shop.staff.cashier, counted: { countedCents: 12_105, overShortCents: 5 } });
    expect(t.core.shifts.current()).toBeNull();
    expect(t.core.shifts.report(z.shiftId).counted?.overShortCents).toBe(5);

    const events = t.core.outbox.pending().filter((m) => m.name === 'shift.event').map((m) => shiftEventArgs.parse(m.args));
    expect(events.map((e) => e.kind)).toEqual(['open', 'paid_in', 'paid_out', 'no_sale', 'close']);
    expect(events.at(-1)).toMatchObject({ expectedCashCents: 12_100, countedCashCents: 12_105, amountCents: 5, counted: { '2000': 5 } });
    expect(t.core.activity(20).map((a) => a.kind)).toEqual(expect.arrayContaining(['no_sale', 'paid_in', 'paid_out', 'shift_open', 'shift_close']));
  });

  it('reports a short drawer as negative', async () => {
    await ready();
    t.core.shifts.open({ floatCents: 5_000 });
    expect(t.core.shifts.close({ counted: { '2000': 2 } }).counted?.overShortCents).toBe(-1_000);
  });

  it('refuses bad input and impossible moves without writing anything', async () => {
    await ready();
    const before = snapshotCounts(t.core, ['shifts', 'shift_events', 'outbox']);
    expect(codeOf(() => t.core.shifts.paidIn({ amountCents: 100, reason: 'x' }))).toBe('CONFLICT');
    expect(codeOf(() => t.core.shifts.noSale())).toBe('CONFLICT');
    expect(codeOf(() => t.core.shifts.xReport())).toBe('CONFLICT');
    expect(codeOf(() => t.core.shifts.open({ floatCents: -1 }))).toBe('BAD_INPUT');
    expect(codeOf(() => t.core.shifts.open({ floatCents: 10.5 }))).toBe('BAD_INPUT');
    expect(snapshotCounts(t.core, ['shifts', 'shift_events', 'outbox'])).toEqual(before);

    t.core.shifts.open({ floatCents: 0 });
    const open = snapshotCounts(t.core, ['shifts', 'shift_events', 'outbox']);
    expect(codeOf(() => t.core.shifts.open({ floatCents: 0 }))).toBe('CONFLICT');
    expect(codeOf(() => t.core.shifts.paidOut({ amountCents: 100, reason: '  ' }))).toBe('BAD_INPUT');
    expect(codeOf(() => t.core.shifts.paidOut({ amountCents: 0, reason: 'x' }))).toBe('BAD_INPUT');
    expect(codeOf(() => t.core.shifts.close({ counted: {} }))).toBe('BAD_INPUT');
    expect(codeOf(() => t.core.shifts.close({ counted: { '2000': -1 } }))).toBe('BAD_INPUT');
    expect(codeOf(() => t.core.shifts.close({ counted: { 'twenty': 1 } }))).toBe('BAD_INPUT');
    expect(snapshotCounts(t.core, ['shifts', 'shift_events', 'outbox'])).toEqual(open);
    t.core.staff.logout();
    expect(codeOf(() => t.core.shifts.close({ counted: { '100': 1 } }))).toBe('UNAUTHENTICATED');
  });
});
