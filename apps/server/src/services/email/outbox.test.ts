import { uuidv7 } from '@makeries/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, vendors } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, failure } from '../orders/test-kit';
import { envelope, epochOf, pairCounter } from '../sync/sync-test-kit';

describeEachDb('order emails: queued with the change', (get) => {
  const db = () => get().database.db;
  const outboxFor = (orderIds: string[]) =>
    db().select().from(emailOutbox).where(inArray(emailOutbox.orderId, orderIds)).orderBy(asc(emailOutbox.orderId), asc(emailOutbox.kind));

  async function shopName(vendorId: string) {
    const [v] = await db().select({ name: vendors.name }).from(vendors).where(eq(vendors.id, vendorId));
    return v?.name;
  }

  async function shopWithPie(name = 'Crumb Bakery') {
    const shop = await createShop(db(), { vendor: { name } });
    const pie = await addProduct(db(), shop.vendorId, { name: 'Pie', priceCents: 350, stock: 10 });
    return { shop, pie };
  }

  it('checkout queues one confirmation per vendor order, and a retried submit queues nothing more', async () => {
    const a = await shopWithPie('Crumb Bakery');
    const b = await shopWithPie('Jar Deli');
    const anon = await get().caller();
    const input = checkoutRequest([[a.pie, 2], [b.pie, 1]], [{ vendorId: a.shop.vendorId }, { vendorId: b.shop.vendorId }]);
    const result = await anon.orders.checkout(input);
    const ids = result.orders.map((o) => o.id);
    const rows = await outboxFor(ids);
    expect(rows.map((r) => [r.orderId, r.kind, r.to, r.status, r.attempts])).toEqual(
      [...ids].sort().map((id) => [id, 'confirmation', 'ada@example.test', 'queued', 0]),
    );
    const bakery = rows.find((r) => r.orderId === result.orders[0]?.id);
    expect(bakery?.subject).toBe('Your order W-0001 from Crumb Bakery');
    expect(bakery?.body).toContain('2 × Pie — £7.00');
    expect(bakery?.body).toContain('Total: £7.00');

    const again = await anon.orders.checkout(input);
    expect(again.orders.map((o) => o.id)).toEqual(ids);
    expect(await outboxFor(ids)).toHaveLength(2);
  });

  it('a checkout that fails queues no email', async () => {
    const { shop, pie } = await shopWithPie();
    const before = await db().select().from(emailOutbox);
    const f = await failure((await get().caller()).orders.checkout(checkoutRequest([[pie, 99]], [{ vendorId: shop.vendorId }])));
    expect(f.appCode).toBe('OUT_OF_STOCK');
    expect(await db().select().from(emailOutbox)).toHaveLength(before.length);
  });

  it('ready for pickup and cancelled are queued once, by the API transition', async () => {
    const { shop, pie } = await shopWithPie();
    const anon = await get().caller();
    const [first] = (await anon.orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    const [second] = (await anon.orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    if (!first || !second) throw new Error('no orders');
    const staff = await get().caller({ bearer: shop.cashierToken });
    await staff.orders.transition({ orderId: first.id, to: 'accepted' });
    expect((await outboxFor([first.id])).map((r) => r.kind)).toEqual(['confirmation']);
    await staff.orders.transition({ orderId: first.id, to: 'ready' });
    await staff.orders.transition({ orderId: first.id, to: 'completed' });
    const firstRows = await outboxFor([first.id]);
    expect(firstRows.map((r) => r.kind)).toEqual(['confirmation', 'ready']);
    expect(firstRows[1]?.subject).toBe(`Order ${first.number} is ready for pickup at Crumb Bakery`);

    // the customer cancels with the link from the confirmation; a second attempt is refused and queues nothing
    await anon.orders.transition({ orderId: second.id, trackingToken: second.trackingToken, to: 'cancelled', reason: 'Ordered twice' });
    expect((await failure(anon.orders.transition({ orderId: second.id, trackingToken: second.trackingToken, to: 'cancelled' }))).appCode).toBe(
      'ILLEGAL_TRANSITION',
    );
    const secondRows = await outboxFor([second.id]);
    expect(secondRows.map((r) => r.kind)).toEqual(['cancelled', 'confirmation']);
    expect(secondRows[0]?.body).toContain('Reason: Ordered twice');
  });

  it('a rejection needs a reason; refused, it queues nothing; given, the email carries it', async () => {
    const { shop, pie } = await shopWithPie();
    const [order] = (await (await get().caller()).orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    if (!order) throw new Error('no order');
    const staff = await get().caller({ bearer: shop.managerToken });
    expect((await failure(staff.orders.transition({ orderId: order.id, to: 'rejected' }))).appCode).toBe('BAD_INPUT');
    expect((await outboxFor([order.id])).map((r) => r.kind)).toEqual(['confirmation']);
    await staff.orders.transition({ orderId: order.id, to: 'rejected', reason: 'Oven broke' });
    const rejected = (await outboxFor([order.id])).find((r) => r.kind === 'rejected');
    expect(rejected?.subject).toBe(`Crumb Bakery could not take order ${order.number}`);
    expect(rejected?.body).toContain('Oven broke');
  });

  it('a counter’s sync push moving the order to ready queues the email once, even when the push is resent', async () => {
    const c = await pairCounter(get());
    const pie = await addProduct(db(), c.shop.vendorId, { name: 'Pie', priceCents: 400 });
    const [order] = (await (await get().caller()).orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: c.shop.vendorId }]))).orders;
    if (!order) throw new Error('no order');
    const move = (from: string, to: string) => ({ id: uuidv7(), orderId: order.id, from, to, staffId: c.staffId, occurredAt: new Date().toISOString() });
    const toReady = move('accepted', 'ready');
    const push = async (...items: unknown[]) => {
      const me = await c.caller.devices.me();
      const res = await c.caller.sync.push({
        epoch: await epochOf(db()),
        mutations: items.map((args, i) => envelope(me.device.lastMutationId + 1 + i, 'order.transition', args)),
      });
      return res.results.map((r) => r.status);
    };
    expect(await push(move('placed', 'accepted'), toReady)).toEqual(['applied', 'applied']);
    expect(await push(toReady)).toEqual(['applied']);
    const rows = await outboxFor([order.id]);
    expect(rows.map((r) => r.kind)).toEqual(['confirmation', 'ready']);
    expect(rows[1]?.status).toBe('queued');
    expect(rows[1]?.subject).toBe(`Order ${order.number} is ready for pickup at ${(await shopName(c.shop.vendorId))}`);
  });
});
