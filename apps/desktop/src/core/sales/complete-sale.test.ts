import { computeTotals, saleCompleteArgs } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { count, makeCore, seedShop, signIn, snapshotCounts, type Shop, type ShopOptions, type TestCore, codeOf } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

async function ready(opts: ShopOptions = {}): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core, opts);
  await signIn(t.core, shop);
  t.core.shifts.open({ floatCents: 10_000 });
  return shop;
}


describe('completeSale', () => {
  it('writes the order, line snapshots, payments, ledger movements and one outbox row together', async () => {
    const shop = await ready();
    const { core } = t;
    core.cart.addScan({ code: shop.barcodes.loaf });
    core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.addVariant({ variantId: shop.variants.bag });
    const cart = core.cart.current();
    expect(cart?.totals.totalCents).toBe(450 + 2 * 195 + 10);

    const sale = core.sales.complete({ cartId: cart?.id, tenders: [{ kind: 'cash', tenderedCents: 1000 }] });

    expect(sale.number).toBe('A1-000001');
    expect(sale.totalCents).toBe(850);
    expect(sale.changeCents).toBe(150);
    expect(sale.lines.map((l) => [l.name, l.quantity, l.unitPriceCents, l.totalCents])).toEqual([
      ['Sourdough Loaf', 1, 450, 450],
      ['Butter Croissant', 2, 195, 390],
      ['Paper Bag', 1, 10, 10],
    ]);
    // VAT 20% inclusive on croissants and the bag, zero-rated loaf
    expect(sale.taxCents).toBe(65 + 2);
    expect(sale.payments).toMatchObject([{ kind: 'cash', amountCents: 850, tenderedCents: 1000, changeCents: 150 }]);
    expect(sale.syncStatus).toBe('pending');
    // the bag does not track stock, so two movements
    expect(count(core, 'stock_movements')).toBe(2);
    expect(core.catalog.onHand([shop.variants.loaf, shop.variants.croissant])).toEqual(
      new Map([
        [shop.variants.loaf, 19],
        [shop.variants.croissant, 3],
      ]),
    );
    const queued = core.outbox.pending().filter((m) => m.name === 'sale.complete');
    expect(queued).toHaveLength(1);
    const args = saleCompleteArgs.parse(queued[0]?.args);
    expect(args).toMatchObject({ id: sale.id, number: 'A1-000001', totalCents: 850, roundingCents: 0, staffId: shop.staff.cashier });
    expect(args.lines).toHaveLength(3);
    expect(core.cart.current()).toBeNull();
  });

  it('keeps totals identical to shared computeTotals, discounts included', async () => {
    const shop = await ready({ taxMode: 'exclusive' });
    const { core } = t;
    const line = core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.setQuantity({ lineId: line.lineId, quantity: 7 });
    await core.cart.setLineDiscount({ lineId: line.lineId, discount: { kind: 'percent', bps: 500 } });
    core.cart.addVariant({ variantId: shop.variants.cheese, grams: 333 });
    core.cart.addScan({ code: shop.barcodes.loaf });
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 37 } });
    const expected = computeTotals({
      currency: 'GBP',
      taxMode: 'exclusive',
      lines: [
        { key: 'a', unitPriceCents: 195, quantity: 7, taxRatesBps: [2000], discount: { kind: 'percent', bps: 500 } },
        { key: 'b', unitPriceCents: 2400, quantity: 333, quantityScale: 1000, taxRatesBps: [2000] },
        { key: 'c', unitPriceCents: 450, quantity: 1, taxRatesBps: [0] },
      ],
      orderDiscount: { kind: 'amount', amountCents: 37 },
    });
    const sale = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: expected.totalCents }] });
    expect(sale).toMatchObject({
      subtotalCents: expected.subtotalCents,
      discountCents: expected.discountCents,
      taxCents: expected.taxCents,
      totalCents: expected.totalCents,
      roundingCents: 0,
    });
    expect(sale.lines.map((l) => l.totalCents)).toEqual(expected.lines.map((l) => l.totalCents));
    expect(sale.lines[1]).toMatchObject({ soldBy: 'weight', quantity: 333, unitPriceCents: 2400 });
  });

  it('applies cash rounding to the cash part only', async () => {
    const shop = await ready({ cashRoundingCents: 5 });
    const { core } = t;
    // 3 croissants at 1.95 + a bag at 0.10 = 5.95; make it 5.93 with a 2p discount so rounding shows
    const l = core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.setQuantity({ lineId: l.lineId, quantity: 3 });
    core.cart.addVariant({ variantId: shop.variants.bag });
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 2 } });
    expect(core.cart.current()).toMatchObject({ cashDueCents: 595, cashRoundingCents: 2, totals: { totalCents: 593 } });
    const cash = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 600 }] });
    expect(cash).toMatchObject({ totalCents: 593, roundingCents: 2, paidCents: 595, changeCents: 5 });

    const l2 = core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.setQuantity({ lineId: l2.lineId, quantity: 3 });
    core.cart.addVariant({ variantId: shop.variants.bag });
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 2 } });
    const card = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 593, reference: 'auth 1234' }] });
    expect(card).toMatchObject({ totalCents: 593, roundingCents: 0, paidCents: 593 });
    expect(card.payments[0]).toMatchObject({ kind: 'external_card', amountCents: 593, reference: 'auth 1234' });
  });

  it('splits a tender between card and cash, rounding and change on the cash part', async () => {
    const shop = await ready({ cashRoundingCents: 5 });
    const { core } = t;
    const l = core.cart.addScan({ code: shop.barcodes.croissant });
    core.cart.setQuantity({ lineId: l.lineId, quantity: 5 }); // 9.75
    core.cart.addVariant({ variantId: shop.variants.bag, quantity: 3 }); // 0.30 → 10.05
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 3 } }); // 10.02
    const sale = core.sales.complete({
      tenders: [
        { kind: 'external_card', amountCents: 500 },
        { kind: 'cash', tenderedCents: 1000 },
      ],
    });
    // cash part 5.02 rounds to 5.00
    expect(sale.payments.map((p) => [p.kind, p.amountCents, p.tenderedCents, p.changeCents])).toEqual([
      ['external_card', 500, 500, 0],
      ['cash', 500, 1000, 500],
    ]);
    expect(sale).toMatchObject({ totalCents: 1002, roundingCents: -2, paidCents: 1000, changeCents: 500 });
    const report = core.shifts.xReport();
    expect(report.cash.expectedCents).toBe(10_000 + 500);
    expect(report.tenders).toEqual([
      { kind: 'cash', count: 1, amountCents: 500 },
      { kind: 'external_card', count: 1, amountCents: 500 },
    ]);
  });

  it('numbers receipts per register without gaps', async () => {
    const shop = await ready();
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.core.cart.addScan({ code: shop.barcodes.loaf });
      numbers.push(t.core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 450 }] }).number);
    }
    expect(numbers).toEqual(['A1-000001', 'A1-000002', 'A1-000003']);
    expect(t.core.sales.byNumber({ number: 'a1-2' }).number).toBe('A1-000002');
  });
});

describe('completeSale failures write nothing', () => {
  it('rolls everything back when the database fails mid-transaction', async () => {
    const shop = await ready();
    const { core } = t;
    core.cart.addScan({ code: shop.barcodes.loaf });
    core.cart.addScan({ code: shop.barcodes.croissant });
    const before = snapshotCounts(core);
    // a real SQLite failure after the sale, lines, movements and outbox rows are written: payments come last
    core.ctx.sqlite.exec("CREATE TRIGGER fail_payment BEFORE INSERT ON sale_payments BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
    expect(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1000 }] })).toThrow(/disk I\/O error/);
    expect(snapshotCounts(core)).toEqual(before);
    expect(core.cart.current()?.lines).toHaveLength(2);

    core.ctx.sqlite.exec('DROP TRIGGER fail_payment');
    const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1000 }] });
    expect(sale.number).toBe('A1-000001');
    expect(core.outbox.pending().map((m) => m.mutationId)).toEqual([1, 2]); // shift open, then the sale
  });

  it('refuses bad tenders with a clear error and changes nothing', async () => {
    const shop = await ready();
    const { core } = t;
    core.cart.addScan({ code: shop.barcodes.loaf });
    const before = snapshotCounts(core);
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 400 }] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 500 }] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 400 }] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 4.5 }] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 300 }, { kind: 'cash', tenderedCents: 300 }] }))).toBe('BAD_INPUT');
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'stripe_terminal', amountCents: 450, reference: 'pi_1' }] }))).toBe('CONFLICT');
    expect(codeOf(() => core.sales.complete({ cartId: '0196a000-0000-7000-8000-00000000dead', tenders: [{ kind: 'cash', tenderedCents: 500 }] }))).toBe('CONFLICT');
    expect(snapshotCounts(core)).toEqual(before);
    expect(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 400 }] })).toThrow(
      'Cash handed over (£4.00) is less than the £4.50 due.',
    );
  });

  it('needs a signed-in staff member, an open shift and a non-empty cart', async () => {
    const shop = await ready();
    const { core } = t;
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }))).toBe('NOT_FOUND');
    core.cart.addScan({ code: shop.barcodes.loaf });
    core.cart.voidLine({ lineId: core.cart.current()?.lines[0]?.id ?? '' });
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }))).toBe('BAD_INPUT');
    core.cart.addScan({ code: shop.barcodes.loaf });
    core.shifts.close({ counted: { '5000': 2 } });
    const before = snapshotCounts(core);
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }))).toBe('CONFLICT');
    core.staff.logout();
    expect(codeOf(() => core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }))).toBe('UNAUTHENTICATED');
    expect(snapshotCounts(core)).toEqual(before);
  });
});
