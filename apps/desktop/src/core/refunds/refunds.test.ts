import { isAppError, saleRefundArgs, uuidv7, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { managerApproval, makeCore, PINS, seedShop, signIn, snapshotCounts, type Shop, type TestCore } from '../test/fixtures';
import type { SaleView } from '../sales/views';

let t: TestCore;
afterEach(() => t.cleanup());

async function ready(opts: Parameters<typeof seedShop>[1] = {}): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core, opts);
  await signIn(t.core, shop);
  t.core.shifts.open({ floatCents: 5000 });
  return shop;
}

async function codeOf(fn: () => unknown): Promise<ErrorCode | 'none'> {
  try {
    await fn();
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** 3 croissants (1.95 each, 5% off the line) + 1 loaf (4.50), paid in cash. */
async function sellBasket(shop: Shop): Promise<SaleView> {
  const c = t.core.cart.addScan({ code: shop.barcodes.croissant });
  t.core.cart.setQuantity({ lineId: c.lineId, quantity: 3 });
  await t.core.cart.setLineDiscount({ lineId: c.lineId, discount: { kind: 'percent', bps: 500 } });
  t.core.cart.addScan({ code: shop.barcodes.loaf });
  return t.core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 2000 }] });
}

describe('refunds', () => {
  it('refunds part of a line, then the rest, adding up exactly to what was paid, with restock', async () => {
    const shop = await ready();
    const sale = await sellBasket(shop);
    const croissants = sale.lines[0];
    expect(croissants?.totalCents).toBe(556); // 585 − 29 (5%, half-up)
    const stockBefore = t.core.catalog.onHand([shop.variants.croissant]).get(shop.variants.croissant);

    const first = await t.core.refunds.refund({
      saleId: sale.id,
      lines: [{ saleLineId: croissants?.id ?? '', quantity: 1 }],
      restock: true,
      reason: 'dropped on the floor',
      approval: managerApproval(shop),
    });
    expect(first).toMatchObject({ totalCents: 185, tender: 'cash', restock: true, approvedBy: shop.staff.manager, saleNumber: 'A1-000001' });
    expect(first.number).toBe('A1-000002');
    const second = await t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: croissants?.id ?? '', quantity: 2 }], restock: true, approval: managerApproval(shop) });
    expect(first.totalCents + second.totalCents).toBe(556);
    expect(t.core.catalog.onHand([shop.variants.croissant]).get(shop.variants.croissant)).toBe((stockBefore ?? 0) + 3);

    const refreshed = t.core.sales.byId({ saleId: sale.id });
    expect(refreshed.lines[0]).toMatchObject({ refundedQuantity: 3, refundedCents: 556 });
    expect(refreshed.refundedCents).toBe(556);
    const queued = t.core.outbox.pending().filter((m) => m.name === 'sale.refund');
    expect(queued).toHaveLength(2);
    expect(saleRefundArgs.parse(queued[0]?.args)).toMatchObject({ orderId: sale.id, restock: true, totalCents: 185, lines: [{ quantity: 1, amountCents: 185 }] });
  });

  it('refunds everything left on a receipt without restocking and shows it in the drawer count', async () => {
    const shop = await ready();
    const sale = await sellBasket(shop);
    const stock = t.core.catalog.onHand([shop.variants.loaf]).get(shop.variants.loaf);
    const full = await t.core.refunds.refund({ saleId: sale.id, restock: false, approval: managerApproval(shop) });
    expect(full.totalCents).toBe(sale.totalCents);
    expect(full.lines).toHaveLength(2);
    expect(t.core.catalog.onHand([shop.variants.loaf]).get(shop.variants.loaf)).toBe(stock);
    const x = t.core.shifts.xReport();
    expect(x.refunds).toMatchObject({ count: 1, totalCents: sale.totalCents });
    expect(x.cash.expectedCents).toBe(5000 + sale.totalCents - sale.totalCents);
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: false, approval: managerApproval(shop) }))).toBe('CONFLICT');
  });

  it('cash-rounds cash refunds, and refunds a split sale only to a chosen tender', async () => {
    const shop = await ready({ cashRoundingCents: 5 });
    t.core.cart.addScan({ code: shop.barcodes.croissant }); // 1.95
    t.core.cart.addVariant({ variantId: shop.variants.bag, quantity: 2 }); // 0.20 → 2.15
    await t.core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 2 } }); // 2.13
    const sale = t.core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 100 }, { kind: 'cash', tenderedCents: 200 }] });
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: false, approval: managerApproval(shop) }))).toBe('BAD_INPUT');
    const r = await t.core.refunds.refund({ saleId: sale.id, restock: false, tender: 'cash', approval: managerApproval(shop) });
    expect(r).toMatchObject({ totalCents: 213, roundingCents: 2, paidOutCents: 215, tender: 'cash' });
  });

  it('needs a manager, refuses impossible quantities and unknown lines, and writes nothing then', async () => {
    const shop = await ready();
    const sale = await sellBasket(shop);
    const line = sale.lines[1]?.id ?? '';
    const before = snapshotCounts(t.core);
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: true }))).toBe('FORBIDDEN');
    // what cannot be refunded is said before a manager is called over
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: line, quantity: 2 }], restock: true }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: true, approval: { staffId: shop.staff.cashier2, pin: PINS.cashier2 } }))).toBe('FORBIDDEN');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: true, approval: { staffId: shop.staff.manager, pin: '0000' } }))).toBe('INVALID_CREDENTIALS');
    const ok = managerApproval(shop);
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: line, quantity: 2 }], restock: true, approval: ok }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: uuidv7(), quantity: 1 }], restock: true, approval: ok }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: line, quantity: 1 }, { saleLineId: line, quantity: 1 }], restock: true, approval: ok }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: uuidv7(), restock: true, approval: ok }))).toBe('NOT_FOUND');
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: 'yes' as unknown as boolean, approval: ok }))).toBe('BAD_INPUT');
    expect(snapshotCounts(t.core)).toEqual(before);
    // a signed-in manager approves themselves
    await signIn(t.core, shop, 'manager');
    expect((await t.core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: line, quantity: 1 }], restock: true })).approvedBy).toBe(shop.staff.manager);
  });

  it('needs an open shift for cash refunds (the cash leaves the drawer)', async () => {
    const shop = await ready();
    const sale = await sellBasket(shop);
    t.core.shifts.close({ counted: { '1000': 6 } });
    expect(await codeOf(() => t.core.refunds.refund({ saleId: sale.id, restock: true, tender: 'cash', approval: managerApproval(shop) }))).toBe('CONFLICT');
    const card = await t.core.refunds.refund({ saleId: sale.id, restock: true, tender: 'external_card', approval: managerApproval(shop) });
    expect(card).toMatchObject({ tender: 'external_card', shiftId: null });
  });
});
