import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { notificationDeliveries, notifications, pushSubscriptions } from '../../db/schema/index';
import { createJobRuntime } from '../../jobs/runtime';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop } from '../orders/test-kit';
import { registerNotifyJobs } from './deliver';
import { createPushChannel } from './push-channel';
import { startPushEndpointFake, type PushEndpointFake } from './push-endpoint-fake';
import { vapidKeys } from './vapid';

describeEachDb('web push: encrypted with web-push, delivered to a push service that decrypts it', (get) => {
  const db = () => get().database.db;
  let fake: PushEndpointFake;
  beforeAll(async () => {
    fake = await startPushEndpointFake({ vapidPublicKey: vapidKeys(get().env).publicKey });
  });
  afterAll(async () => {
    await fake.close();
  });

  /** a runtime that delivers notifications on the push channel only, with a clock the test moves */
  function deliverer(clock = { now: new Date() }) {
    const runtime = createJobRuntime(db(), { now: () => clock.now });
    registerNotifyJobs(runtime, db(), get().env, [createPushChannel(db(), get().env)]);
    return { runtime, clock };
  }

  async function webOrder(customerCookie?: string) {
    const shop = await createShop(db(), { vendor: { name: 'Crumb Bakery' } });
    const pie = await addProduct(db(), shop.vendorId, { name: 'Pie', priceCents: 350, stock: 10 });
    const buyer = await get().caller(customerCookie ? { sessionCookie: customerCookie } : {});
    const [order] = (await buyer.orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    if (!order) throw new Error('no order');
    return { order, staff: await get().caller({ bearer: shop.cashierToken }) };
  }

  const pushesTo = (deviceId: string) => fake.received.filter((m) => m.deviceId === deviceId);
  const deliveriesOf = async (orderId: string) => {
    const rows = await db().select({ id: notifications.id, topic: notifications.topic }).from(notifications).where(eq(notifications.orderId, orderId));
    const ds = await db().select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, rows.map((r) => r.id)));
    return ds.map((d) => ({ topic: rows.find((r) => r.id === d.notificationId)?.topic, status: d.status, detail: d.detail, attempts: d.attempts }));
  };

  it('a customer’s two devices both get the order’s news, really encrypted (aes128gcm) and VAPID-signed for the push service', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const [phone, laptop] = [fake.device(), fake.device()];
    await me.notifications.subscribe(phone.subscription);
    await me.notifications.subscribe(laptop.subscription);
    const { order, staff } = await webOrder(customer.cookie);
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await deliverer().runtime.tick();

    expect(fake.refused).toEqual([]);
    for (const device of [phone, laptop]) {
      const [got] = pushesTo(device.id);
      expect(got?.json).toEqual({
        title: 'Crumb Bakery accepted your order',
        body: `Order ${order.number} is being prepared. We will tell you when it is ready.`,
        url: `http://localhost:3000/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`,
        tag: `order_accepted:${order.id}`,
      });
      expect(got).toMatchObject({ urgency: 'high', ttl: 6 * 3600, jwt: { aud: fake.origin, sub: 'mailto:push@makeries.invalid' } });
    }
    expect(await deliveriesOf(order.id)).toEqual([{ topic: 'order_accepted', status: 'sent', detail: '2 devices', attempts: 1 }]);
    const used = await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.customerId, customer.customerId));
    expect(used.every((s) => s.lastUsedAt !== null)).toBe(true);
  });

  it('a guest’s device subscribed from the tracking page (with the order’s token) is told about that order', async () => {
    const { order, staff } = await webOrder();
    const device = fake.device();
    const guest = await get().caller({});
    expect(await guest.notifications.subscribe({ ...device.subscription, orderId: order.id, trackingToken: order.trackingToken })).toEqual({ subscribed: true, account: false, order: true });
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
    await deliverer().runtime.tick();
    expect(pushesTo(device.id).map((m) => (m.json as { title: string }).title)).toEqual(['Crumb Bakery accepted your order', `Order ${order.number} is ready`]);
    expect(pushesTo(device.id)[1]?.ttl).toBe(24 * 3600);
  });

  it('a subscription the push service says is gone (410) is deleted, and nothing is recorded as sent', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const device = fake.device();
    await me.notifications.subscribe(device.subscription);
    fake.answer(device.id, 410);
    const { order, staff } = await webOrder(customer.cookie);
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await deliverer().runtime.tick();
    expect(pushesTo(device.id)).toEqual([]);
    expect(await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, device.subscription.endpoint))).toEqual([]);
    expect(await deliveriesOf(order.id)).toEqual([]);
    expect(await me.notifications.pushDevice({ endpoint: device.subscription.endpoint })).toEqual({ subscribed: false, account: false, order: false });
  });

  it('a push service that is down (503) is retried by the delivery job, and the push then arrives once', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const device = fake.device();
    await me.notifications.subscribe(device.subscription);
    fake.answer(device.id, 503);
    const { order, staff } = await webOrder(customer.cookie);
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    const { runtime, clock } = deliverer();
    await runtime.tick();
    expect(pushesTo(device.id)).toEqual([]);
    expect(await deliveriesOf(order.id)).toMatchObject([{ status: 'retry', attempts: 1, detail: '1 of 1 device(s) not reached yet: push service answered 503' }]);
    clock.now = new Date(clock.now.getTime() + 60_000);
    await runtime.tick();
    expect(pushesTo(device.id)).toHaveLength(1);
    expect(await deliveriesOf(order.id)).toMatchObject([{ status: 'sent', attempts: 2, detail: '1 device' }]);
  });

  it('keeps to the customer’s choice: push turned off for “order accepted” is not pushed; “ready” still is', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const device = fake.device();
    await me.notifications.subscribe(device.subscription);
    await me.notifications.setPref({ topic: 'order_accepted', channel: 'push', enabled: false });
    const { order, staff } = await webOrder(customer.cookie);
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
    await deliverer().runtime.tick();
    expect(pushesTo(device.id).map((m) => (m.json as { tag: string }).tag)).toEqual([`order_ready:${order.id}`]);
  });

  it('nobody subscribed: unreachable, nothing recorded', async () => {
    const { order, staff } = await webOrder();
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await deliverer().runtime.tick();
    expect(await deliveriesOf(order.id)).toEqual([]);
  });
});
