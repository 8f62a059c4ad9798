import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval, snapshotCounts } from '../test/fixtures';
import { dbState, errorData, expectRefused, startKit, type CounterClient, type Kit } from './test-kit';

let kit: Kit;
let c: CounterClient;

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
  await c.shifts.open.mutate({ floatCents: 10_000 });
});
afterAll(() => kit.close());

describe('ringing up a basket', () => {
  it('scans, searches, weighs, changes quantities, notes and voids', async () => {
    expect(await c.cart.current.query()).toBeNull();
    const notified = kit.sync.calls.notifyLocalWrite;
    const first = await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    const again = await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    expect(again.lineId).toBe(first.lineId);
    const [hit] = await c.catalog.search.query({ text: 'butter cro' });
    expect(hit).toMatchObject({ name: 'Butter Croissant', priceCents: 195, onHand: 5 });
    const cro = await c.cart.addVariant.mutate({ variantId: hit?.variantId ?? '', quantity: 3 });
    const cheese = await c.cart.addVariant.mutate({ variantId: kit.shop.variants.cheese, grams: 250 });
    const weighed = await c.cart.setWeight.mutate({ lineId: cheese.lineId, grams: 300 });
    expect(weighed.cart.lines.find((l) => l.id === cheese.lineId)).toMatchObject({ soldBy: 'weight', quantity: 300, totals: { totalCents: 720 } });
    await c.cart.setQuantity.mutate({ lineId: cro.lineId, quantity: 1 });
    await c.cart.lineNote.mutate({ lineId: first.lineId, note: 'sliced' });
    await c.cart.note.mutate({ note: 'Collecting at 5' });
    const customerId = kit.shop.vendorId; // any uuid stands for a customer here
    await c.cart.customer.mutate({ customerId, name: 'Ada' });
    const voided = await c.cart.voidLine.mutate({ lineId: cro.lineId });
    expect(voided.cart).toMatchObject({ note: 'Collecting at 5', customerId, customerName: 'Ada' });
    expect(voided.cart.lines.map((l) => [l.sku, l.quantity, l.note])).toEqual([
      ['LOAF-1', 2, 'sliced'],
      ['01234', 300, ''],
    ]);
    expect(voided.cart.totals.totalCents).toBe(900 + 720);
    // cart edits stay on the counter: nothing for the server yet
    expect(kit.sync.calls.notifyLocalWrite).toBe(notified);
  });

  it('discounts within the limit freely, above it only with a manager PIN', async () => {
    const cart = await c.cart.current.query();
    const loaf = cart?.lines[0]?.id ?? '';
    const small = await c.cart.lineDiscount.mutate({ lineId: loaf, discount: { kind: 'percent', bps: 500 } });
    expect(small.lines[0]?.totals.totalCents).toBe(855);
    await expectRefused(kit.core, () => c.cart.orderDiscount.mutate({ discount: { kind: 'percent', bps: 2500 } }), 'FORBIDDEN');
    const big = await c.cart.orderDiscount.mutate({ discount: { kind: 'percent', bps: 2500 }, approval: managerApproval(kit.shop) });
    expect(big.discount).toEqual({ kind: 'percent', bps: 2500 });
    expect(big.totals.totalCents).toBe(Math.round((855 + 720) * 0.75));
    const none = await c.cart.orderDiscount.mutate({ discount: null });
    expect(none.totals.totalCents).toBe(855 + 720);
  });

  it('parks a sale, serves the next customer, and resumes it', async () => {
    const parked = await c.cart.park.mutate({ label: 'Ada, wallet in car' });
    expect(parked).toMatchObject({ label: 'Ada, wallet in car', lineCount: 2, totalCents: 1575 });
    expect(await c.cart.current.query()).toBeNull();
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.croissant });
    await expectRefused(kit.core, () => c.cart.resume.mutate({ cartId: parked.id }), 'CONFLICT');
    expect(await c.cart.clear.mutate({ reason: 'customer left' })).toEqual({ ok: true });
    expect(await c.cart.current.query()).toBeNull();
    expect((await c.cart.listParked.query()).map((p) => p.id)).toEqual([parked.id]);
    const resumed = await c.cart.resume.mutate({ cartId: parked.id });
    expect(resumed).toMatchObject({ id: parked.id, status: 'open', totals: { totalCents: 1575 } });
    expect(await c.cart.listParked.query()).toEqual([]);
  });
});

describe('taking payment', () => {
  it('shows what is due, quick cash amounts and which tenders work offline', async () => {
    const t = await c.sales.tender.query();
    expect(t).toMatchObject({ totalCents: 1575, cashDueCents: 1575, currency: 'GBP' });
    expect(t.quickCash[0]).toBe(1575);
    expect(t.quickCash).toContain(2000);
    expect(t.options).toEqual([
      { kind: 'cash', available: true },
      { kind: 'external_card', available: true },
      { kind: 'stripe_terminal', available: false, reason: expect.stringContaining('Offline') },
    ]);
  });

  it('splits card and cash, gives change, and finds the receipt again', async () => {
    const cartId = (await c.cart.current.query())?.id;
    const notified = kit.sync.calls.notifyLocalWrite;
    const sale = await c.sales.complete.mutate({
      cartId,
      tenders: [
        { kind: 'external_card', amountCents: 575, reference: 'terminal 7781' },
        { kind: 'cash', tenderedCents: 2000 },
      ],
    });
    expect(sale).toMatchObject({ number: 'A1-000001', totalCents: 1575, changeCents: 1000, syncStatus: 'pending' });
    expect(sale.payments.map((p) => [p.kind, p.amountCents, p.changeCents])).toEqual([
      ['external_card', 575, 0],
      ['cash', 1000, 1000],
    ]);
    expect(await c.cart.current.query()).toBeNull();
    expect((await c.sales.byNumber.query({ number: 'a1-1' })).id).toBe(sale.id);
    expect((await c.sales.list.query({ limit: 5 })).map((s) => s.id)).toEqual([sale.id]);
    const receipt = await c.sales.receipt.query({ saleId: sale.id });
    expect(receipt).toMatchObject({ shop: { name: 'Crumb Bakery', currency: 'GBP' }, register: { code: 'A1', name: 'Front till' }, reprint: true, refunds: [] });
    expect(receipt.sale.lines.map((l) => l.name)).toEqual(['Sourdough Loaf', 'Mature Cheddar']);
    // the sale is queued for the server and the sync client is told to push now
    expect(kit.sync.calls.notifyLocalWrite).toBe(notified + 1);
    expect(kit.sync.status().pending).toBeGreaterThan(0);
  });

  it('refuses to take payment for an empty register', async () => {
    await expectRefused(kit.core, () => c.sales.tender.query(), 'NOT_FOUND');
    await expectRefused(kit.core, () => c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 100 }] }), 'NOT_FOUND');
  });
});

describe('the shift', () => {
  it('takes paid in/out, reports X, closes with a count, and reprints the Z report', async () => {
    expect(await c.shifts.current.query()).toMatchObject({ status: 'open', floatCents: 10_000 });
    await c.shifts.paidIn.mutate({ amountCents: 2000, reason: 'more change' });
    await c.shifts.paidOut.mutate({ amountCents: 350, reason: 'milk' });
    const x = await c.shifts.xReport.query();
    expect(x.cash).toEqual({ floatCents: 10_000, salesCents: 1000, refundsCents: 0, paidInCents: 2000, paidOutCents: 350, expectedCents: 12_650 });
    expect(x.sales).toMatchObject({ count: 1, totalCents: 1575 });
    const z = await c.shifts.close.mutate({ counted: { '5000': 2, '1000': 2, '200': 3, '50': 1 } });
    expect(z).toMatchObject({ status: 'closed', counted: { countedCents: 12_650, overShortCents: 0 } });
    expect(await c.shifts.current.query()).toBeNull();
    expect(await c.shifts.zReport.query({})).toEqual(z);
    expect(await c.shifts.zReport.query({ shiftId: z.shiftId })).toEqual(z);
    expect((await c.shifts.history.query({ limit: 5 })).map((s) => s.id)).toEqual([z.shiftId]);
    await expectRefused(kit.core, () => c.shifts.xReport.query(), 'CONFLICT');
  });

  it('will not take a sale or cash moves with no shift open', async () => {
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.jam });
    await expectRefused(kit.core, () => c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }), 'CONFLICT');
    await expectRefused(kit.core, () => c.shifts.paidOut.mutate({ amountCents: 100, reason: 'stamps' }), 'CONFLICT');
    const open = await c.shifts.open.mutate({ floatCents: 0 });
    await expectRefused(kit.core, () => c.shifts.zReport.query({ shiftId: open.shiftId }), 'CONFLICT');
    const sale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 500 }] });
    expect(sale).toMatchObject({ number: 'A1-000002', changeCents: 101 });
  });

  it('refunds to cash out of the drawer when a manager approves', async () => {
    const [sale] = await c.sales.list.query({ limit: 1 });
    const before = dbState(kit.core);
    const refund = await c.refunds.create.mutate({ saleId: sale?.id ?? '', restock: false, tender: 'cash', reason: 'dented lid', approval: managerApproval(kit.shop) });
    expect(refund).toMatchObject({ totalCents: 399, tender: 'cash', restock: false, number: 'A1-000003' });
    expect(dbState(kit.core)).not.toEqual(before);
    expect((await c.shifts.xReport.query()).cash?.refundsCents).toBe(399);
    // everything on the receipt is back with the customer: a second refund has nothing left to return
    const counts = snapshotCounts(kit.core);
    const again = await c.refunds.create.mutate({ saleId: sale?.id ?? '', restock: false, approval: managerApproval(kit.shop) }).catch((e: unknown) => e);
    expect(errorData(again).appCode).toBe('CONFLICT');
    expect(snapshotCounts(kit.core)).toEqual(counts);
  });
});
