import { computeTotals } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, orderLines, orders, promoRedemptions } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, failure, failureOf, writeSnapshot } from '../orders/test-kit';
import { updatePromo } from './manage';
import { marketPromo, promoState, shopPromo } from './test-kit';

describeEachDb('promo codes in the cart quote and checkout', (get) => {
  const db = () => get().database.db;

  async function twoShops() {
    const bakery = await createShop(db(), { vendor: { name: 'Crumb Bakery', taxMode: 'inclusive' } });
    const deli = await createShop(db(), { vendor: { name: 'Jar Deli', taxMode: 'exclusive' } });
    const bread = await addProduct(db(), bakery.vendorId, { name: 'Sourdough', priceCents: 350, stock: 50 });
    const jam = await addProduct(db(), deli.vendorId, { name: 'Jam', priceCents: 400, stock: 50 });
    return { bakery, deli, bread, jam };
  }

  it('a shop code comes off that shop’s order only, per line before tax, and is stored on the order and its lines', async () => {
    const { bakery, deli, bread, jam } = await twoShops();
    const promo = await shopPromo(db(), bakery.vendorId, { code: 'bake10', description: '10% off bread', discount: { kind: 'percent', bps: 1000 } });
    expect(promo.code).toBe('BAKE10');
    const anon = await get().caller();
    const items = [{ variantId: bread.variantId, quantity: 2 }, { variantId: jam.variantId, quantity: 1 }];
    const quote = await anon.cart.quote({ items, promoCode: ' bake10 ' });
    expect(quote.promo).toMatchObject({ code: 'BAKE10', applied: true, reason: null, fundedBy: 'shop', description: '10% off bread', totalCents: 70 });
    expect(quote.promo?.shops).toEqual([{ vendorId: bakery.vendorId, discount: { kind: 'percent', bps: 1000 }, cents: 70 }]);
    // the storefront shows the saving per line with the shared totals and the quote's adjustment
    const line = quote.lines.find((l) => l.variantId === bread.variantId);
    const shown = computeTotals({
      currency: 'GBP',
      taxMode: 'inclusive',
      lines: [{ key: bread.variantId, unitPriceCents: line?.unitPriceCents ?? 0, quantity: 2, taxRatesBps: line?.taxRatesBps ?? [] }],
      adjustments: [{ key: 'promo', discount: quote.promo?.shops[0]?.discount ?? { kind: 'amount', amountCents: 0 } }],
    });
    expect(shown.lines[0]?.adjustments).toEqual([{ key: 'promo', cents: 70 }]);

    const input = checkoutRequest([[bread, 2], [jam, 1]], [{ vendorId: bakery.vendorId }, { vendorId: deli.vendorId }], { promoCode: 'Bake10' });
    const placed = await anon.orders.checkout(input);
    // bakery 700 − 70 = 630 (tax 630·20/120 = 105); deli untouched 400 + 20% = 480
    expect(placed.orders.map((o) => [o.vendorName, o.totalCents])).toEqual([['Crumb Bakery', 630], ['Jar Deli', 480]]);
    expect(placed.totalCents).toBe(shown.totalCents + 480);
    const [order] = await db().select().from(orders).where(eq(orders.id, placed.orders[0]?.id ?? ''));
    expect(order).toMatchObject({ promoCode: 'BAKE10', promoFundedBy: 'shop', promoCents: 70, discountCents: 70, taxCents: 105, totalCents: 630 });
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, order?.id ?? ''));
    expect(lines.map((l) => [l.promoCents, l.discountCents, l.taxCents, l.totalCents])).toEqual([[70, 70, 105, 630]]);
    const [deliOrder] = await db().select().from(orders).where(eq(orders.id, placed.orders[1]?.id ?? ''));
    expect(deliOrder).toMatchObject({ promoCode: null, promoCents: 0 });
    expect(await promoState(db(), promo.id)).toEqual({ uses: 1, given: 70, redemptions: 1, overLimit: 0 });
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, order?.id ?? ''));
    expect(mail?.body).toContain('Promo code BAKE10 — you saved £0.70 (prices above include it)');
    const shopView = await (await get().caller({ bearer: bakery.managerToken })).orders.byId({ orderId: order?.id ?? '' });
    expect(shopView).toMatchObject({ promoCode: 'BAKE10', promoCents: 70, totalCents: 630 });

    // a double submit (same idempotency key) replays: one redemption, one use
    const again = await anon.orders.checkout(input);
    expect(again.checkoutId).toBe(placed.checkoutId);
    expect(await promoState(db(), promo.id)).toEqual({ uses: 1, given: 70, redemptions: 1, overLimit: 0 });
  });

  it('the quote says why a code does not apply, in words a customer can act on', async () => {
    const { bakery, deli, bread } = await twoShops();
    const day = 86_400_000;
    await shopPromo(db(), bakery.vendorId, { code: 'OLD5', discount: { kind: 'amount', amountCents: 500 }, startsAt: new Date(Date.now() - 10 * day).toISOString(), endsAt: new Date(Date.now() - day).toISOString() });
    await shopPromo(db(), bakery.vendorId, { code: 'SOON5', discount: { kind: 'amount', amountCents: 500 }, startsAt: new Date(Date.now() + day).toISOString() });
    await shopPromo(db(), bakery.vendorId, { code: 'BIG10', discount: { kind: 'percent', bps: 1000 }, minBasketCents: 1000 });
    await shopPromo(db(), deli.vendorId, { code: 'JAR5', discount: { kind: 'amount', amountCents: 500 } });
    const off = await shopPromo(db(), bakery.vendorId, { code: 'GONE5', discount: { kind: 'amount', amountCents: 500 } });
    await updatePromo(db(), { kind: 'shop', vendorId: bakery.vendorId }, { promoId: off.id, active: false });
    const anon = await get().caller();
    const ask = async (promoCode: string) => (await anon.cart.quote({ items: [{ variantId: bread.variantId, quantity: 2 }], promoCode })).promo;
    expect(await ask('nope')).toMatchObject({ applied: false, refusal: 'unknown', reason: "We don't know the code NOPE. Check the spelling." });
    expect(await ask('old5')).toMatchObject({ applied: false, refusal: 'expired' });
    expect((await ask('old5'))?.reason).toMatch(/^The code OLD5 expired on /);
    expect(await ask('soon5')).toMatchObject({ applied: false, refusal: 'not_started' });
    expect(await ask('big10')).toMatchObject({ applied: false, refusal: 'below_minimum', reason: 'Spend £3.00 more at Crumb Bakery to use the code BIG10.', shops: [], totalCents: 0 });
    expect(await ask('jar5')).toMatchObject({ applied: false, refusal: 'wrong_shop', reason: 'The code JAR5 is for Jar Deli: add something from Jar Deli to use it.' });
    expect(await ask('gone5')).toMatchObject({ applied: false, refusal: 'inactive', reason: 'The code GONE5 is no longer active.' });
  });

  it('checkout checks the code again: a refused code refuses the checkout and writes nothing', async () => {
    const { bakery, bread } = await twoShops();
    const promo = await shopPromo(db(), bakery.vendorId, { code: 'FIRST20', discount: { kind: 'percent', bps: 2000 }, firstOrderOnly: true });
    const customer = await createCustomerFixture(db());
    const signedIn = await get().caller({ sessionCookie: customer.cookie });
    await signedIn.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: bakery.vendorId }]));
    expect((await signedIn.cart.quote({ items: [{ variantId: bread.variantId, quantity: 1 }], promoCode: 'FIRST20' })).promo).toMatchObject({
      applied: false,
      refusal: 'first_order_only',
      reason: 'The code FIRST20 is for your first order at Crumb Bakery only.',
    });
    const before = await writeSnapshot(db());
    const refused = await failure(signedIn.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: bakery.vendorId }], { promoCode: 'FIRST20' })));
    expect(refused.appCode).toBe('PROMO_NOT_APPLICABLE');
    expect(refused.message).toBe('The code FIRST20 is for your first order at Crumb Bakery only. Remove the code to check out without it.');
    expect(await writeSnapshot(db())).toEqual(before);
    expect(await promoState(db(), promo.id)).toEqual({ uses: 0, given: 0, redemptions: 0, overLimit: 0 });
    // bad input (a control character in the code) is BAD_INPUT and writes nothing either
    const bad = await failure(signedIn.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: bakery.vendorId }], { promoCode: 'FIRST\u000020' })));
    expect(bad.appCode).toBe('BAD_INPUT');
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('a guest is one customer per email for the per-customer limit', async () => {
    const { bakery, bread } = await twoShops();
    const promo = await shopPromo(db(), bakery.vendorId, { code: 'ONCE', discount: { kind: 'amount', amountCents: 100 }, perCustomerLimit: 1 });
    const anon = await get().caller();
    const guest = (email: string) => checkoutRequest([[bread, 1]], [{ vendorId: bakery.vendorId }], { promoCode: 'ONCE', contact: { name: 'Guest', email, phone: '' } });
    await anon.orders.checkout(guest('one@example.test'));
    const twice = await failure(anon.orders.checkout(guest('ONE@example.test')));
    expect(twice).toMatchObject({ appCode: 'PROMO_NOT_APPLICABLE', details: { code: 'ONCE', refusal: 'customer_limit' } });
    await anon.orders.checkout(guest('two@example.test'));
    expect(await promoState(db(), promo.id)).toEqual({ uses: 2, given: 200, redemptions: 2, overLimit: 0 });
  });

  it('the total limit holds under concurrent checkouts (a marketplace code, each checkout at a different shop)', async () => {
    // different shops: the checkouts do not queue on one shop's row, only on the code's row lock
    const shops = await Promise.all([1, 2, 3, 4, 5].map((n) => createShop(db(), { vendor: { name: `Race Shop ${n}` } })));
    const buns = await Promise.all(shops.map((s) => addProduct(db(), s.vendorId, { name: 'Bun', priceCents: 300, stock: 10 })));
    const promo = await marketPromo(db(), { code: 'TWOONLY', discount: { kind: 'amount', amountCents: 100 }, totalLimit: 2 });
    const anon = await get().caller();
    const requests = shops.map((s, n) =>
      checkoutRequest([[buns[n]!, 1]], [{ vendorId: s.vendorId }], { promoCode: 'TWOONLY', contact: { name: 'Racer', email: `racer${n}@example.test`, phone: '' } }),
    );
    const results = await Promise.allSettled(requests.map((r) => anon.orders.checkout(r)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => failureOf(r.reason));
    expect(ok).toHaveLength(2);
    expect(refused.map((f) => f.details?.refusal)).toEqual(['used_up', 'used_up', 'used_up']);
    expect(await promoState(db(), promo.id)).toEqual({ uses: 2, given: 200, redemptions: 2, overLimit: 0 });
  });

  it('a marketplace amount is split over the qualifying shop orders by their goods; the minimum basket is per shop', async () => {
    const { bakery, deli, bread, jam } = await twoShops();
    const promo = await marketPromo(db(), { code: 'CITY5', discount: { kind: 'amount', amountCents: 500 } });
    const anon = await get().caller();
    const items = [{ variantId: bread.variantId, quantity: 2 }, { variantId: jam.variantId, quantity: 1 }];
    const quote = await anon.cart.quote({ items, promoCode: 'city5' });
    // goods 700 (bakery, inclusive) and 480 (deli, 400 + tax): 500 × 700/1180 = 296.6 → 297, 500 × 480/1180 = 203.4 → 203
    expect(quote.promo).toMatchObject({ applied: true, fundedBy: 'marketplace', totalCents: 500 });
    expect(quote.promo?.shops.map((s) => [s.vendorId, s.cents])).toEqual([[bakery.vendorId, 297], [deli.vendorId, 203]]);
    const placed = await anon.orders.checkout(checkoutRequest([[bread, 2], [jam, 1]], [{ vendorId: bakery.vendorId }, { vendorId: deli.vendorId }], { promoCode: 'CITY5' }));
    // deli: 400 − 203 = 197 net, + 20% = 39 tax → 236; bakery 700 − 297 = 403
    expect(placed.orders.map((o) => o.totalCents)).toEqual([403, 236]);
    const redemptions = await db().select().from(promoRedemptions).where(eq(promoRedemptions.promoCodeId, promo.id));
    expect(redemptions.map((r) => r.discountCents).sort()).toEqual([203, 297]);
    expect(new Set(redemptions.map((r) => r.useKey)).size).toBe(1);
    expect(await promoState(db(), promo.id)).toMatchObject({ uses: 1, given: 500, redemptions: 2 });

    const perShop = await marketPromo(db(), { code: 'CITY6MIN', discount: { kind: 'percent', bps: 1000 }, minBasketCents: 600, shopIds: [bakery.vendorId, deli.vendorId] });
    const q2 = await anon.cart.quote({ items, promoCode: 'CITY6MIN' });
    expect(q2.promo?.shops.map((s) => [s.vendorId, s.cents])).toEqual([[bakery.vendorId, 70]]);
    expect(perShop.shopIds).toEqual([bakery.vendorId, deli.vendorId]);
    const onlyDeli = await marketPromo(db(), { code: 'DELIONLY', discount: { kind: 'percent', bps: 1000 }, shopIds: [deli.vendorId] });
    expect(onlyDeli.fundedBy).toBe('marketplace');
    expect((await anon.cart.quote({ items: [items[0]!], promoCode: 'DELIONLY' })).promo).toMatchObject({ refusal: 'wrong_shop', reason: 'The code DELIONLY is not valid at the shop in your cart.' });
  });
});
