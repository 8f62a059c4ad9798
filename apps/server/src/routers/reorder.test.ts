import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { inventoryLevels, products, variants, vendors } from '../db/schema/index';
import { addProduct, checkoutRequest, createShop, failure } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

describeEachDb('reorder router', (get) => {
  const db = () => get().database.db;

  async function pastCheckout() {
    const bakery = await createShop(db(), { vendor: { name: 'Hart Bakery' } });
    const deli = await createShop(db(), { vendor: { name: 'Corner Deli' } });
    const loaf = await addProduct(db(), bakery.vendorId, { name: 'Sourdough loaf', priceCents: 290 });
    const bun = await addProduct(db(), bakery.vendorId, { name: 'Cinnamon bun', priceCents: 250 });
    const jam = await addProduct(db(), deli.vendorId, { name: 'Plum jam', priceCents: 500 });
    const olives = await addProduct(db(), deli.vendorId, { name: 'Olives', priceCents: 400 });
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const placed = await me.orders.checkout(
      checkoutRequest(
        [
          [loaf, 2],
          [bun, 3],
          [jam, 1],
          [olives, 1],
        ],
        [{ vendorId: bakery.vendorId }, { vendorId: deli.vendorId }],
      ),
    );
    const bakeryOrder = placed.orders.find((o) => o.vendorId === bakery.vendorId);
    if (!bakeryOrder) throw new Error('no bakery order');
    return { bakery, deli, loaf, bun, jam, olives, me, placed, bakeryOrder };
  }

  it('builds the cart across the checkout’s shops at today’s prices, telling what changed and what could not be added', async () => {
    const s = await pastCheckout();
    // since then: the loaf costs more, two buns are left, the jam is sold out, the olives are gone
    await db().update(variants).set({ priceCents: 320 }).where(eq(variants.id, s.loaf.variantId));
    await db().update(inventoryLevels).set({ onHand: 2, reserved: 0 }).where(eq(inventoryLevels.variantId, s.bun.variantId));
    await db().update(inventoryLevels).set({ onHand: 0, reserved: 0 }).where(eq(inventoryLevels.variantId, s.jam.variantId));
    await db().update(products).set({ archived: true }).where(eq(products.id, s.olives.productId));

    const r = await s.me.reorder.fromOrder({ orderId: s.bakeryOrder.id });
    expect(r.orders.map((o) => o.vendorName).sort()).toEqual(['Corner Deli', 'Hart Bakery']);
    expect(r.added).toEqual([
      expect.objectContaining({ variantId: s.loaf.variantId, productName: 'Sourdough loaf', vendorName: 'Hart Bakery', unitPriceCents: 320, previousUnitPriceCents: 290, quantity: 2, note: 'Now £3.20, was £2.90.' }),
      expect.objectContaining({ variantId: s.bun.variantId, unitPriceCents: 250, previousUnitPriceCents: null, quantity: 2, orderedQuantity: 3, note: 'Only 2 left: 2 added instead of 3.' }),
    ]);
    expect(r.skipped).toEqual([
      expect.objectContaining({ name: 'Plum jam', vendorName: 'Corner Deli', reason: 'sold_out', message: 'Plum jam is sold out.', variantId: s.jam.variantId }),
      expect.objectContaining({ name: 'Olives', reason: 'gone', message: 'Olives is no longer sold online.' }),
    ]);
  });

  it('a paused or suspended shop’s items are not added, by the shop’s name', async () => {
    const s = await pastCheckout();
    await db().update(vendors).set({ paused: true }).where(eq(vendors.id, s.deli.vendorId));
    const r = await s.me.reorder.fromOrder({ orderId: s.bakeryOrder.id });
    expect(r.added.map((l) => l.productName)).toEqual(['Sourdough loaf', 'Cinnamon bun']);
    expect(r.skipped.map((l) => [l.reason, l.message])).toEqual([
      ['shop_unavailable', 'Corner Deli is not taking online orders right now.'],
      ['shop_unavailable', 'Corner Deli is not taking online orders right now.'],
    ]);
    await db().update(vendors).set({ paused: false, status: 'suspended' }).where(eq(vendors.id, s.deli.vendorId));
    expect((await s.me.reorder.fromOrder({ orderId: s.bakeryOrder.id })).skipped.map((l) => l.reason)).toEqual(['shop_unavailable', 'shop_unavailable']);
  });

  it('a guest reorders the one order their tracking token opens; nobody else reaches it', async () => {
    const s = await pastCheckout();
    const guest = await get().caller();
    const r = await guest.reorder.fromOrder({ orderId: s.bakeryOrder.id, trackingToken: s.bakeryOrder.trackingToken });
    expect(r.orders).toEqual([{ id: s.bakeryOrder.id, number: s.bakeryOrder.number, vendorName: 'Hart Bakery' }]);
    expect(r.added.map((l) => [l.productName, l.quantity])).toEqual([
      ['Sourdough loaf', 2],
      ['Cinnamon bun', 3],
    ]);
    expect((await failure(guest.reorder.fromOrder({ orderId: s.bakeryOrder.id }))).appCode).toBe('UNAUTHENTICATED');
    expect((await failure(guest.reorder.fromOrder({ orderId: s.bakeryOrder.id, trackingToken: 'x'.repeat(43) }))).appCode).toBe('NOT_FOUND');
    const stranger = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    expect((await failure(stranger.reorder.fromOrder({ orderId: s.bakeryOrder.id }))).appCode).toBe('NOT_FOUND');
    expect((await failure(stranger.reorder.fromOrder({ orderId: 'not-an-id' }))).appCode).toBe('BAD_INPUT');
  });
});
