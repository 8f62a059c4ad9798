import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { inventoryMovements } from '../../db/schema/index';
import { createCustomerFixture, type VendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addDevice, addProduct, checkoutRequest, createShop, failure, levelOf, writeSnapshot, type TestProduct } from './test-kit';

describeEachDb('orders.byId / transition / lists', (get) => {
  const db = () => get().database.db;
  const zones = [{ name: 'Town', radiusMeters: 5000, feeCents: 300, minOrderCents: 0 }];

  async function shopWithStock(): Promise<{ shop: VendorFixture; bun: TestProduct }> {
    const shop = await createShop(db(), { vendor: { deliveryEnabled: true, deliveryZones: zones } });
    const bun = await addProduct(db(), shop.vendorId, { name: 'Bun', priceCents: 200, stock: 10 });
    return { shop, bun };
  }

  async function place(shop: VendorFixture, bun: TestProduct, opts: { cookie?: string; delivery?: boolean; qty?: number } = {}) {
    const caller = await get().caller(opts.cookie ? { sessionCookie: opts.cookie } : {});
    const fulfilment = opts.delivery
      ? { vendorId: shop.vendorId, type: 'delivery' as const, address: { line1: '2 Elm Rd', city: 'Bristol', postcode: 'BS2 0AA', lat: 51.46, lng: -2.59 } }
      : { vendorId: shop.vendorId };
    const result = await caller.orders.checkout(checkoutRequest([[bun, opts.qty ?? 2]], [fulfilment]));
    const order = result.orders[0];
    if (!order) throw new Error('checkout made no order');
    return order;
  }

  it('vendor staff and devices move a pickup order to completion, which records the sale', async () => {
    const { shop, bun } = await shopWithStock();
    const device = await addDevice(db(), shop.vendorId);
    const order = await place(shop, bun, { qty: 2 });
    const cashier = await get().caller({ bearer: shop.cashierToken });
    const accepted = await cashier.orders.transition({ orderId: order.id, to: 'accepted', prepMinutes: 20 });
    expect(accepted).toMatchObject({ status: 'accepted', prepMinutes: 20 });
    expect(accepted.nextStatuses).toEqual(['preparing', 'ready', 'rejected', 'cancelled']);
    await (await get().caller({ bearer: device.token })).orders.transition({ orderId: order.id, to: 'preparing' });
    const manager = await get().caller({ bearer: shop.managerToken });
    const ready = await manager.orders.transition({ orderId: order.id, to: 'ready' });
    expect(ready.nextStatuses).toEqual(['completed']);

    const f = await failure(manager.orders.transition({ orderId: order.id, to: 'out_for_delivery' }));
    expect(f.appCode).toBe('ILLEGAL_TRANSITION');
    expect(f.message).toContain('ready');
    expect(await levelOf(db(), bun.variantId)).toEqual({ onHand: 10, reserved: 2 });

    const done = await manager.orders.transition({ orderId: order.id, to: 'completed' });
    expect(done.status).toBe('completed');
    expect(await levelOf(db(), bun.variantId)).toEqual({ onHand: 8, reserved: 0 });
    const sales = await db()
      .select()
      .from(inventoryMovements)
      .where(and(eq(inventoryMovements.variantId, bun.variantId), eq(inventoryMovements.kind, 'sale')));
    expect(sales.map((m) => [m.quantity, m.reference])).toEqual([[-2, order.id]]);

    expect(done.events.map((e) => [e.fromStatus, e.toStatus, e.actorKind])).toEqual([
      [null, 'placed', 'customer'],
      ['placed', 'accepted', 'staff'],
      ['accepted', 'preparing', 'device'],
      ['preparing', 'ready', 'staff'],
      ['ready', 'completed', 'staff'],
    ]);
    const again = await failure(manager.orders.transition({ orderId: order.id, to: 'cancelled' }));
    expect(again.appCode).toBe('ILLEGAL_TRANSITION');
    expect(again.message).toContain('completed');
  });

  it('only delivery orders go out for delivery', async () => {
    const { shop, bun } = await shopWithStock();
    const order = await place(shop, bun, { delivery: true });
    const owner = await get().caller({ bearer: shop.ownerToken });
    for (const to of ['accepted', 'ready'] as const) await owner.orders.transition({ orderId: order.id, to });
    const out = await owner.orders.transition({ orderId: order.id, to: 'out_for_delivery' });
    expect(out).toMatchObject({ status: 'out_for_delivery', fulfilment: 'delivery', deliveryFeeCents: 300, nextStatuses: ['completed'] });
    expect((await owner.orders.transition({ orderId: order.id, to: 'completed' })).status).toBe('completed');
  });

  it('a customer may cancel only while the order is placed; cancelling releases the stock', async () => {
    const { shop, bun } = await shopWithStock();
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const first = await place(shop, bun, { cookie: customer.cookie, qty: 3 });
    expect((await me.orders.byId({ orderId: first.id })).nextStatuses).toEqual(['cancelled']);
    const cancelled = await me.orders.transition({ orderId: first.id, to: 'cancelled', reason: 'Ordered twice' });
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'Ordered twice' });
    expect(cancelled.events.at(-1)).toMatchObject({ actorKind: 'customer', reason: 'Ordered twice' });
    expect(await levelOf(db(), bun.variantId)).toEqual({ onHand: 10, reserved: 0 });

    const second = await place(shop, bun, { cookie: customer.cookie });
    expect((await failure(me.orders.transition({ orderId: second.id, to: 'accepted' }))).appCode).toBe('ILLEGAL_TRANSITION');
    await (await get().caller({ bearer: shop.cashierToken })).orders.transition({ orderId: second.id, to: 'accepted' });
    const before = await writeSnapshot(db());
    const late = await failure(me.orders.transition({ orderId: second.id, to: 'cancelled' }));
    expect(late.appCode).toBe('ILLEGAL_TRANSITION');
    expect(late.message).toContain('contact the shop');
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('rejecting needs a reason, which the customer then sees, and releases the stock', async () => {
    const { shop, bun } = await shopWithStock();
    const customer = await createCustomerFixture(db());
    const order = await place(shop, bun, { cookie: customer.cookie });
    const staff = await get().caller({ bearer: shop.cashierToken });
    const before = await writeSnapshot(db());
    for (const reason of [undefined, '   ']) {
      expect((await failure(staff.orders.transition({ orderId: order.id, to: 'rejected', reason }))).appCode).toBe('BAD_INPUT');
    }
    expect(await writeSnapshot(db())).toEqual(before);
    await staff.orders.transition({ orderId: order.id, to: 'rejected', reason: 'Oven broke' });
    const seen = await (await get().caller({ sessionCookie: customer.cookie })).orders.byId({ orderId: order.id });
    expect(seen).toMatchObject({ status: 'rejected', statusReason: 'Oven broke', nextStatuses: [] });
    expect(await levelOf(db(), bun.variantId)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('a queued transition with a stale `from` is a conflict and changes nothing', async () => {
    const { shop, bun } = await shopWithStock();
    const order = await place(shop, bun);
    const device = await addDevice(db(), shop.vendorId);
    const counter = await get().caller({ bearer: device.token });
    await counter.orders.transition({ orderId: order.id, to: 'accepted', from: 'placed' });
    const before = await writeSnapshot(db());
    const f = await failure(counter.orders.transition({ orderId: order.id, to: 'rejected', from: 'placed', reason: 'Too busy' }));
    expect(f.appCode).toBe('CONFLICT');
    expect(f.details).toMatchObject({ currentStatus: 'accepted', expected: 'placed' });
    expect(await writeSnapshot(db())).toEqual(before);
    expect((await counter.orders.transition({ orderId: order.id, to: 'preparing', from: 'accepted' })).status).toBe('preparing');
  });

  it('other vendors, other customers and anonymous visitors can neither see nor move the order', async () => {
    const { shop, bun } = await shopWithStock();
    const other = await createShop(db());
    const owner = await createCustomerFixture(db());
    const stranger = await createCustomerFixture(db());
    const order = await place(shop, bun, { cookie: owner.cookie });
    const before = await writeSnapshot(db());
    const otherStaff = await get().caller({ bearer: other.ownerToken });
    const otherDevice = await get().caller({ bearer: (await addDevice(db(), other.vendorId)).token });
    const strangerCaller = await get().caller({ sessionCookie: stranger.cookie });
    for (const c of [otherStaff, otherDevice, strangerCaller]) {
      expect((await failure(c.orders.byId({ orderId: order.id }))).appCode).toBe('NOT_FOUND');
      expect((await failure(c.orders.transition({ orderId: order.id, to: 'cancelled' }))).appCode).toBe('NOT_FOUND');
    }
    const anon = await get().caller();
    expect((await failure(anon.orders.byId({ orderId: order.id }))).appCode).toBe('UNAUTHENTICATED');
    expect((await failure(anon.orders.transition({ orderId: order.id, to: 'cancelled' }))).appCode).toBe('UNAUTHENTICATED');
    expect((await otherStaff.orders.listForVendor({})).items.map((o) => o.id)).not.toContain(order.id);
    expect((await strangerCaller.orders.listMine({})).items).toEqual([]);
    expect(await writeSnapshot(db())).toEqual(before);
    // the order's own vendor sees the customer's contact details
    const mine = await (await get().caller({ bearer: shop.cashierToken })).orders.byId({ orderId: order.id });
    expect(mine).toMatchObject({ id: order.id, vendorName: order.vendorName, contact: { name: 'Ada Buyer' } });
    expect(mine.lines.map((l) => [l.name, l.quantity, l.totalCents])).toEqual([['Bun', 2, 400]]);
  });

  it('a guest tracking token opens and cancels its own order; a wrong token does not', async () => {
    const { shop, bun } = await shopWithStock();
    const a = await place(shop, bun);
    const b = await place(shop, bun);
    const anon = await get().caller();
    const view = await anon.orders.byId({ orderId: a.id, trackingToken: a.trackingToken });
    expect(view).toMatchObject({ id: a.id, number: a.number, status: 'placed', nextStatuses: ['cancelled'], totalCents: 400 });
    expect(view.events).toHaveLength(1);
    const forged = `${a.trackingToken.slice(0, -2)}${a.trackingToken.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [b.trackingToken, forged, 'not-a-real-token']) {
      expect((await failure(anon.orders.byId({ orderId: a.id, trackingToken: token }))).appCode).toBe('NOT_FOUND');
      expect((await failure(anon.orders.transition({ orderId: a.id, to: 'cancelled', trackingToken: token }))).appCode).toBe('NOT_FOUND');
    }
    // a guest cannot act as the vendor even with the right token
    expect((await failure(anon.orders.transition({ orderId: a.id, to: 'accepted', trackingToken: a.trackingToken }))).appCode).toBe('ILLEGAL_TRANSITION');
    const cancelled = await anon.orders.transition({ orderId: a.id, to: 'cancelled', trackingToken: a.trackingToken });
    expect(cancelled.status).toBe('cancelled');
    expect(await levelOf(db(), bun.variantId)).toMatchObject({ reserved: 2 });
  });

  it('lists a vendor’s orders newest first, by status, page by page', async () => {
    const { shop, bun } = await shopWithStock();
    const other = await shopWithStock();
    const placed = [];
    for (let i = 0; i < 5; i++) placed.push(await place(shop, bun, { qty: 1 }));
    await place(other.shop, other.bun, { qty: 1 });
    const staff = await get().caller({ bearer: shop.cashierToken });
    for (const o of placed.slice(0, 2)) await staff.orders.transition({ orderId: o.id, to: 'accepted' });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await staff.orders.listForVendor({ limit: 2, cursor });
      seen.push(...res.items.map((o) => o.number));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(seen).toEqual(['W-0005', 'W-0004', 'W-0003', 'W-0002', 'W-0001']);

    const accepted = await staff.orders.listForVendor({ status: ['accepted'] });
    expect(accepted.items.map((o) => o.number)).toEqual(['W-0002', 'W-0001']);
    expect(accepted.items[0]).toMatchObject({ nextStatuses: ['preparing', 'ready', 'rejected', 'cancelled'], lines: [{ name: 'Bun', quantity: 1 }] });
    expect((await staff.orders.listForVendor({ status: ['placed'], channel: 'web' })).items).toHaveLength(3);
    expect((await staff.orders.listForVendor({ channel: 'counter' })).items).toHaveLength(0);
    const device = await get().caller({ bearer: (await addDevice(db(), shop.vendorId)).token });
    expect((await device.orders.listForVendor({})).items).toHaveLength(5);

    expect((await failure(staff.orders.listForVendor({ cursor: 'garbage' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(staff.orders.listForVendor({ limit: 0 }))).appCode).toBe('BAD_INPUT');
    const customer = await createCustomerFixture(db());
    expect((await failure((await get().caller({ sessionCookie: customer.cookie })).orders.listForVendor({}))).appCode).toBe('UNAUTHENTICATED');
    expect((await failure((await get().caller()).orders.listForVendor({}))).appCode).toBe('UNAUTHENTICATED');
  });

  it('lists a signed-in customer’s own orders across vendors', async () => {
    const a = await shopWithStock();
    const b = await shopWithStock();
    const customer = await createCustomerFixture(db());
    const mine = [await place(a.shop, a.bun, { cookie: customer.cookie }), await place(b.shop, b.bun, { cookie: customer.cookie })];
    await place(a.shop, a.bun);
    const me = await get().caller({ sessionCookie: customer.cookie });
    const list = await me.orders.listMine({});
    expect(list.items.map((o) => o.id)).toEqual([mine[1]!.id, mine[0]!.id]);
    expect(list.items.map((o) => o.vendorName)).toEqual([mine[1]!.vendorName, mine[0]!.vendorName]);
    expect(list.nextCursor).toBeNull();
    expect((await failure((await get().caller()).orders.listMine({}))).appCode).toBe('UNAUTHENTICATED');
    expect((await failure((await get().caller({ bearer: a.shop.ownerToken })).orders.listMine({}))).appCode).toBe('UNAUTHENTICATED');
  });
});
