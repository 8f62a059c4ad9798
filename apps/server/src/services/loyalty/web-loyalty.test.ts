import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { uuidv7 } from '@makeries/shared';
import { loyaltyBalances, loyaltyEntries, loyaltyProgrammes, orders, paymentRefunds, payments } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, failure, writeSnapshot } from '../orders/test-kit';
import { balanceOf } from './ledger';
import { loyaltyAfterWebRefund } from './order-hooks';

describeEachDb('loyalty on web orders', (get) => {
  const db = () => get().database.db;

  async function pointsShop() {
    const shop = await createShop(db(), { vendor: { name: 'Crumb & Co' } });
    const bread = await addProduct(db(), shop.vendorId, { name: 'Sourdough', priceCents: 1250, stock: 50 });
    const owner = await get().caller({ bearer: shop.ownerToken });
    await owner.loyalty.setProgramme({ programme: { kind: 'points', pointsPerPound: 10, pointsPerPoundOff: 100 } });
    const customer = await createCustomerFixture(db());
    const buyer = await get().caller({ sessionCookie: customer.cookie });
    return { shop, bread, owner, customer, buyer };
  }

  async function entriesOf(customerId: string) {
    return db().select().from(loyaltyEntries).where(eq(loyaltyEntries.customerId, customerId)).orderBy(loyaltyEntries.id);
  }

  it('earns once when the shop accepts (not at checkout), whatever moves and repeats follow', async () => {
    const { shop, bread, owner, customer, buyer } = await pointsShop();
    const result = await buyer.orders.checkout(checkoutRequest([[bread, 2]], [{ vendorId: shop.vendorId }]));
    const orderId = result.orders[0]!.id;
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(0);

    await owner.orders.transition({ orderId, to: 'accepted', prepMinutes: 10 });
    await owner.orders.transition({ orderId, to: 'preparing' });
    await owner.orders.transition({ orderId, to: 'ready' });
    await owner.orders.transition({ orderId, to: 'completed' });
    // £25.00 at 10 points per £1
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(250);
    expect((await entriesOf(customer.customerId)).map((e) => [e.kind, e.units, e.naturalKey])).toEqual([['earn', 250, `order:${orderId}:earn`]]);

    const cards = await buyer.loyalty.mine({});
    expect(cards.items).toEqual([{ vendorId: shop.vendorId, vendorName: 'Crumb & Co', currency: 'GBP', programme: { kind: 'points', pointsPerPound: 10, pointsPerPoundOff: 100 }, units: 250 }]);
  });

  it('redeems at checkout as the loyalty discount, after which the order earns on what was paid', async () => {
    const { shop, bread, owner, customer, buyer } = await pointsShop();
    await db().insert(loyaltyBalances).values({ customerId: customer.customerId, vendorId: shop.vendorId, scheme: 'points', units: 300 });
    const result = await buyer.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }], { loyalty: [{ vendorId: shop.vendorId, units: 120 }] }));
    // £12.50 − 120 points (£1.20)
    expect(result.orders[0]!.totalCents).toBe(1130);
    const [order] = await db().select().from(orders).where(eq(orders.id, result.orders[0]!.id));
    expect(order).toMatchObject({ discountCents: 120, totalCents: 1130 });
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(180);

    await owner.orders.transition({ orderId: order!.id, to: 'accepted', prepMinutes: 5 });
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(180 + 113);

    // cancelled after acceptance: the earning comes off, the points used come back — once, however often asked
    await owner.orders.transition({ orderId: order!.id, to: 'cancelled', reason: 'Oven broke' });
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(300);
    const kinds = (await entriesOf(customer.customerId)).map((e) => [e.kind, e.units]);
    expect(kinds).toEqual([
      ['redeem', -120],
      ['earn', 113],
      ['reversal', -113],
      ['reversal', 120],
    ]);
    const [sum] = await queryRows<{ s: number }>(db(), sql`SELECT coalesce(sum(units), 0)::int AS s FROM loyalty_entries WHERE customer_id = ${customer.customerId}`);
    // the balance row is the ledger's sum (plus the 300 this test seeded straight into the row)
    expect((sum?.s ?? 0) + 300).toBe(await balanceOf(db(), customer.customerId, shop.vendorId, 'points'));
  });

  it('refuses redeeming more than the balance with a clear error, and writes nothing', async () => {
    const { shop, bread, customer, buyer } = await pointsShop();
    await db().insert(loyaltyBalances).values({ customerId: customer.customerId, vendorId: shop.vendorId, scheme: 'points', units: 80 });
    const before = await writeSnapshot(db());
    const entriesBefore = await entriesOf(customer.customerId);
    const seen = await failure(buyer.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }], { loyalty: [{ vendorId: shop.vendorId, units: 120 }] })));
    expect(seen.appCode).toBe('DISCOUNT_TOO_LARGE');
    expect(seen.message).toBe('You have 80 points at this shop, so 120 cannot be used. Use fewer or none.');
    expect(await writeSnapshot(db())).toEqual(before);
    expect(await entriesOf(customer.customerId)).toEqual(entriesBefore);
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(80);
  });

  it('refuses bad loyalty input with BAD_INPUT or a sign-in request, writing nothing', async () => {
    const { shop, bread, buyer } = await pointsShop();
    const other = await createShop(db());
    const before = await writeSnapshot(db());
    const cases = [
      [buyer, { loyalty: [{ vendorId: shop.vendorId, units: 0 }] }, 'BAD_INPUT'],
      [buyer, { loyalty: [{ vendorId: shop.vendorId, units: 1.5 }] }, 'BAD_INPUT'],
      [buyer, { loyalty: [{ vendorId: other.vendorId, units: 100 }] }, 'BAD_INPUT'],
      [buyer, { loyalty: [{ vendorId: shop.vendorId, units: 5 }, { vendorId: shop.vendorId, units: 5 }] }, 'BAD_INPUT'],
      [await get().caller(), { loyalty: [{ vendorId: shop.vendorId, units: 100 }] }, 'UNAUTHENTICATED'],
    ] as const;
    for (const [caller, extra, code] of cases) {
      const seen = await failure(caller.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }], extra as never)));
      expect(seen.appCode, JSON.stringify(extra)).toBe(code);
    }
    const programmeBad = await failure((await get().caller({ bearer: shop.ownerToken })).loyalty.setProgramme({ programme: { kind: 'stamps', minOrderCents: 0, stampsForReward: 1, rewardCents: 300 } }));
    expect(programmeBad.appCode).toBe('BAD_INPUT');
    expect(await writeSnapshot(db())).toEqual(before);
    const [p] = await db().select().from(loyaltyProgrammes).where(eq(loyaltyProgrammes.vendorId, shop.vendorId));
    expect(p?.kind).toBe('points');
  });

  it('a stamp card: one stamp per order over the minimum, a reward spent whole', async () => {
    const shop = await createShop(db(), { vendor: { name: 'Bean There' } });
    const coffee = await addProduct(db(), shop.vendorId, { name: 'Flat white', priceCents: 300, stock: 100 });
    const owner = await get().caller({ bearer: shop.ownerToken });
    await owner.loyalty.setProgramme({ programme: { kind: 'stamps', minOrderCents: 500, stampsForReward: 3, rewardCents: 300, rewardName: 'free coffee' } });
    const customer = await createCustomerFixture(db());
    const buyer = await get().caller({ sessionCookie: customer.cookie });
    for (const qty of [1, 2, 2, 3]) {
      const r = await buyer.orders.checkout(checkoutRequest([[coffee, qty]], [{ vendorId: shop.vendorId }]));
      await owner.orders.transition({ orderId: r.orders[0]!.id, to: 'accepted', prepMinutes: 5 });
    }
    // £3 is under the £5 minimum: three stamps from four orders
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'stamps')).toBe(3);
    const free = await buyer.orders.checkout(checkoutRequest([[coffee, 1]], [{ vendorId: shop.vendorId }], { loyalty: [{ vendorId: shop.vendorId, units: 3 }] }));
    expect(free.orders[0]!.totalCents).toBe(0);
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'stamps')).toBe(0);
    const notEnough = await failure(buyer.orders.checkout(checkoutRequest([[coffee, 1]], [{ vendorId: shop.vendorId }], { loyalty: [{ vendorId: shop.vendorId, units: 2 }] })));
    expect(notEnough).toMatchObject({ appCode: 'BAD_INPUT', message: 'That is not enough to redeem: it takes 3 stamps for a reward.' });
  });

  it('a partial card refund takes back the earning of what was refunded', async () => {
    const { shop, bread, owner, customer, buyer } = await pointsShop();
    const r = await buyer.orders.checkout(checkoutRequest([[bread, 2]], [{ vendorId: shop.vendorId }]));
    const orderId = r.orders[0]!.id;
    await owner.orders.transition({ orderId, to: 'accepted', prepMinutes: 5 });
    // a succeeded card refund of half the order, as the payments flow records it
    const paymentId = uuidv7();
    await db().insert(payments).values({ id: paymentId, kind: 'checkout', checkoutId: r.checkoutId, idempotencyKey: `pay-${paymentId}`, amountCents: 2500, currency: 'GBP', status: 'succeeded' });
    await db().insert(paymentRefunds).values({ id: 'rf-half', paymentId, vendorId: shop.vendorId, orderId, amountCents: 1250, currency: 'GBP', status: 'succeeded' });
    await loyaltyAfterWebRefund(db(), orderId, 'rf-half');
    await loyaltyAfterWebRefund(db(), orderId, 'rf-half');
    expect(await balanceOf(db(), customer.customerId, shop.vendorId, 'points')).toBe(125);
    const rows = await db().select().from(loyaltyEntries).where(and(eq(loyaltyEntries.orderId, orderId), eq(loyaltyEntries.kind, 'reversal')));
    expect(rows.map((e) => [e.units, e.naturalKey])).toEqual([[-125, 'refund:rf-half:earn-back']]);
  });
});
