import { gtinCheckDigit, isAppError, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { count, managerApproval, makeCore, PINS, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

async function ready(opts: Parameters<typeof seedShop>[1] = {}): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core, opts);
  await signIn(t.core, shop);
  return shop;
}

async function errorOf(fn: () => unknown): Promise<{ code: ErrorCode | 'none'; message: string; details?: Record<string, unknown> }> {
  try {
    await fn();
    return { code: 'none', message: '' };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  }
}

/** A weight label for the fixture template: 21 · item 01234 · grams (5 digits) · check. */
function weightLabel(grams: number): string {
  const body = `2101234${String(grams).padStart(5, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

describe('scanning', () => {
  it('adds a line by barcode and bumps it on a second scan', async () => {
    const shop = await ready();
    const first = t.core.cart.addScan({ code: shop.barcodes.croissant });
    const second = t.core.cart.addScan({ code: ` ${shop.barcodes.croissant.slice(0, 6)}-${shop.barcodes.croissant.slice(6)} ` });
    expect(second.lineId).toBe(first.lineId);
    expect(second.cart.lines).toMatchObject([{ name: 'Butter Croissant', quantity: 2, unitPriceCents: 195, taxRatesBps: [2000] }]);
    expect(second.cart.totals.totalCents).toBe(390);
  });

  it('finds a UPC-A item whether the scanner sends 12 digits or the EAN-13 form', async () => {
    const shop = await ready();
    t.core.cart.addScan({ code: '036000291452' });
    const r = t.core.cart.addScan({ code: '0036000291452' });
    expect(r.cart.lines).toMatchObject([{ name: 'Strawberry Jam', quantity: 2 }]);
    expect(shop.barcodes.jam).toBe('036000291452');
  });

  it('decodes a GS1 weight label into grams at the per-kg price', async () => {
    await ready();
    const r = t.core.cart.addScan({ code: weightLabel(1234) });
    expect(r.cart.lines).toMatchObject([{ name: 'Mature Cheddar', soldBy: 'weight', quantity: 1234, unitPriceCents: 2400 }]);
    // 1.234 kg × £24.00/kg = £29.616 → £29.62
    expect(r.cart.totals.totalCents).toBe(2962);
    // two weighed packs stay two lines
    expect(t.core.cart.addScan({ code: weightLabel(500) }).cart.lines).toHaveLength(2);
  });

  it('decodes a GS1 price label into the line price', async () => {
    await ready({
      gs1Template: { prefixes: ['22'], itemRefLength: 5, valueKind: 'price', valueLength: 5, decimals: 2, hasVerifierDigit: false },
    });
    const body = '220123400799';
    const r = t.core.cart.addScan({ code: `${body}${gtinCheckDigit(body)}` });
    expect(r.cart.lines).toMatchObject([{ name: 'Mature Cheddar', soldBy: 'each', quantity: 1, unitPriceCents: 799 }]);
  });

  it('explains unknown codes, misreads and weighed goods scanned without a weight, writing nothing', async () => {
    const shop = await ready();
    const unknown = await errorOf(() => t.core.cart.addScan({ code: `${'5000000000000'.slice(0, 12)}${gtinCheckDigit('500000000000')}` }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', details: { quickAdd: true } });
    expect(unknown.message).toMatch(/Quick-add/);
    const misread = await errorOf(() => t.core.cart.addScan({ code: `${shop.barcodes.loaf.slice(0, 12)}${(Number(shop.barcodes.loaf.at(-1)) + 1) % 10}` }));
    expect(misread.code).toBe('INVALID_BARCODE');
    expect(misread.message).toMatch(/last digit should be/);
    expect((await errorOf(() => t.core.cart.addScan({ code: 'CHEESE-XL' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(() => t.core.cart.addScan({ code: '   ' }))).code).toBe('BAD_INPUT');
    expect((await errorOf(() => t.core.cart.addVariant({ variantId: shop.variants.cheese }))).code).toBe('BAD_INPUT');
    expect((await errorOf(() => t.core.cart.addVariant({ variantId: shop.variants.loaf, grams: 100 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(() => t.core.cart.addVariant({ variantId: shop.variants.loaf, quantity: 0 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(() => t.core.cart.addVariant({ variantId: 'not-an-id' }))).code).toBe('BAD_INPUT');
    expect(count(t.core, 'cart_lines')).toBe(0);
  });

  it('finds non-retail codes by SKU and refuses anyone not signed in', async () => {
    const shop = await ready();
    expect(t.core.cart.addScan({ code: 'LOAF-1' }).cart.lines[0]?.name).toBe('Sourdough Loaf');
    t.core.staff.logout();
    expect((await errorOf(() => t.core.cart.addScan({ code: shop.barcodes.loaf }))).code).toBe('UNAUTHENTICATED');
  });
});

describe('editing the cart', () => {
  it('changes quantity, voids lines (kept for audit), notes and customer', async () => {
    const shop = await ready();
    const a = t.core.cart.addScan({ code: shop.barcodes.croissant });
    const b = t.core.cart.addScan({ code: shop.barcodes.loaf });
    t.core.cart.setQuantity({ lineId: a.lineId, quantity: 4 });
    t.core.cart.setLineNote({ lineId: a.lineId, note: 'warm please' });
    const voided = t.core.cart.voidLine({ lineId: b.lineId });
    expect(voided.cart.lines.map((l) => [l.name, l.quantity, l.note])).toEqual([['Butter Croissant', 4, 'warm please']]);
    expect(count(t.core, 'cart_lines')).toBe(2);
    expect(t.core.activity(5).map((x) => x.kind)).toContain('void_line');
    expect((await errorOf(() => t.core.cart.setQuantity({ lineId: b.lineId, quantity: 2 }))).code).toBe('NOT_FOUND');
    expect((await errorOf(() => t.core.cart.setQuantity({ lineId: a.lineId, quantity: 0 }))).code).toBe('BAD_INPUT');
    const c = t.core.cart.attachCustomer({ customerId: '0196a000-0000-7000-8000-0000000000c1', name: 'Ada' });
    expect(c).toMatchObject({ customerId: '0196a000-0000-7000-8000-0000000000c1', customerName: 'Ada' });
    expect(t.core.cart.setNote({ note: 'birthday' }).note).toBe('birthday');
    expect((await errorOf(() => t.core.cart.setNote({ note: 'x'.repeat(501) }))).code).toBe('BAD_INPUT');
  });

  it('lets staff discount within the limit but needs a manager PIN above it', async () => {
    const shop = await ready();
    const line = t.core.cart.addScan({ code: shop.barcodes.loaf });
    const small = await t.core.cart.setLineDiscount({ lineId: line.lineId, discount: { kind: 'percent', bps: 1000 } });
    expect(small.lines[0]?.totals.discountCents).toBe(45);

    const needs = await errorOf(() => t.core.cart.setLineDiscount({ lineId: line.lineId, discount: { kind: 'amount', amountCents: 100 } }));
    expect(needs).toMatchObject({ code: 'FORBIDDEN', details: { needsApproval: true } });
    const byCashier = await errorOf(() =>
      t.core.cart.setOrderDiscount({ discount: { kind: 'percent', bps: 5000 }, approval: { staffId: shop.staff.cashier2, pin: PINS.cashier2 } }),
    );
    expect(byCashier.code).toBe('FORBIDDEN');
    const wrongPin = await errorOf(() =>
      t.core.cart.setOrderDiscount({ discount: { kind: 'percent', bps: 5000 }, approval: { staffId: shop.staff.manager, pin: '0000' } }),
    );
    expect(wrongPin.code).toBe('INVALID_CREDENTIALS');
    expect(t.core.cart.current()?.totals.discountCents).toBe(45);

    const big = await t.core.cart.setOrderDiscount({ discount: { kind: 'percent', bps: 5000 }, approval: managerApproval(shop) });
    expect(big.totals.totalCents).toBe(202); // 4.05 after the line discount; half of it is 2.025, rounded half-up to a 2.03 discount
    const row = t.core.ctx.sqlite.prepare('SELECT discount_approved_by AS by FROM carts').get() as { by: string };
    expect(row.by).toBe(shop.staff.manager);
    expect(t.core.activity(10).map((a) => a.kind)).toEqual(expect.arrayContaining(['override', 'discount']));
    const removed = await t.core.cart.setOrderDiscount({ discount: null });
    expect(removed.totals.totalCents).toBe(405);
  });
});

describe('parking', () => {
  it('parks and resumes carts, and a parked cart survives reopening the database', async () => {
    const shop = await ready();
    t.core.cart.addScan({ code: shop.barcodes.loaf });
    t.core.cart.addScan({ code: shop.barcodes.croissant });
    const parked = t.core.cart.park({ label: 'Lady in red coat' });
    expect(parked).toMatchObject({ lineCount: 2, totalCents: 645, label: 'Lady in red coat' });
    expect(t.core.cart.current()).toBeNull();
    t.core.cart.addScan({ code: shop.barcodes.jam });
    expect((await errorOf(() => t.core.cart.resume({ cartId: parked.id }))).code).toBe('CONFLICT');
    t.core.cart.park({ label: 'jam' });

    t.reopen();
    await signIn(t.core, shop);
    expect(t.core.cart.parked().map((p) => p.label).sort()).toEqual(['Lady in red coat', 'jam']);
    const resumed = t.core.cart.resume({ cartId: parked.id });
    expect(resumed.lines.map((l) => l.name)).toEqual(['Sourdough Loaf', 'Butter Croissant']);
    expect(resumed.totals.totalCents).toBe(645);
    expect((await errorOf(() => t.core.cart.resume({ cartId: parked.id }))).code).toBe('NOT_FOUND');
  });

  it('keeps an unparked cart across a restart too (a crash never loses the cart)', async () => {
    const shop = await ready();
    t.core.cart.addScan({ code: shop.barcodes.loaf });
    t.core.ctx.sqlite.close(); // no orderly shutdown
    const core = t.reopen();
    expect(core.cart.current()?.lines.map((l) => l.name)).toEqual(['Sourdough Loaf']);
  });

  it('refuses to park an empty cart and voids a cart before payment', async () => {
    const shop = await ready();
    t.core.cart.addScan({ code: shop.barcodes.loaf });
    t.core.cart.voidLine({ lineId: t.core.cart.current()?.lines[0]?.id ?? '' });
    expect((await errorOf(() => t.core.cart.park({ label: 'x' }))).code).toBe('BAD_INPUT');
    t.core.cart.voidCart({ reason: 'customer left' });
    expect(t.core.cart.current()).toBeNull();
    expect(count(t.core, 'outbox')).toBe(0);
  });
});
