import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, jobs, notificationDeliveries, notifications } from '../../db/schema/index';
import { createJobRuntime } from '../../jobs/runtime';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop } from '../orders/test-kit';
import type { Channel } from './channel';
import { registerNotifyJobs } from './deliver';
import { createEmailChannel } from './email-channel';
import { NOTIFY_JOB, notify, notifyMany } from './notify';
import { recordingChannel } from './test-kit';

describeEachDb('notifications: queued with the change, delivered once per channel', (get) => {
  const db = () => get().database.db;

  /** a runtime that only delivers notifications, on these channels, with a clock the test moves */
  function deliverer(channels: Channel[], clock = { now: new Date() }) {
    const runtime = createJobRuntime(db(), { now: () => clock.now });
    registerNotifyJobs(runtime, db(), get().env, channels);
    return { runtime, clock };
  }

  async function webOrder(opts: { customerCookie?: string } = {}) {
    const shop = await createShop(db(), { vendor: { name: 'Crumb Bakery' } });
    const pie = await addProduct(db(), shop.vendorId, { name: 'Pie', priceCents: 350, stock: 10 });
    const buyer = await get().caller(opts.customerCookie ? { sessionCookie: opts.customerCookie } : {});
    const [order] = (await buyer.orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    if (!order) throw new Error('no order');
    const staff = await get().caller({ bearer: shop.cashierToken });
    return { shop, order, buyer, staff };
  }

  const rowsFor = (orderId: string) => db().select().from(notifications).where(eq(notifications.orderId, orderId));

  it('tells a customer their order was accepted and is ready, once each, with a link that opens the order', async () => {
    const customer = await createCustomerFixture(db());
    const { order, staff } = await webOrder({ customerCookie: customer.cookie });
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
    const queued = await rowsFor(order.id);
    expect(queued.map((n) => n.topic).sort()).toEqual(['order_accepted', 'order_ready']);
    expect(queued.every((n) => n.customerId === customer.customerId)).toBe(true);

    const push = recordingChannel('push');
    await deliverer([push]).runtime.tick();
    const mine = push.sent.filter((n) => n.orderId === order.id);
    expect(mine.map((n) => n.title)).toEqual(['Crumb Bakery accepted your order', `Order ${order.number} is ready`]);
    expect(mine[1]?.body).toBe('Collect it at Crumb Bakery.');
    // the link carries the guest token, so it opens on any device
    expect(mine[1]?.link).toBe(`http://localhost:3000/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`);
    // delivered: recorded and done; another pass sends nothing again
    const recorded = await db().select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, queued.map((n) => n.id)));
    expect(recorded.map((d) => [d.channel, d.status])).toEqual([['push', 'sent'], ['push', 'sent']]);
    await deliverer([push]).runtime.tick();
    expect(push.sent.filter((n) => n.orderId === order.id)).toHaveLength(2);
  });

  it('a guest’s order is told too; a status with nothing to tell (preparing) queues nothing', async () => {
    const { order, staff } = await webOrder();
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'preparing' });
    const queued = await rowsFor(order.id);
    expect(queued.map((n) => [n.topic, n.customerId])).toEqual([['order_accepted', null]]);
  });

  it('a rejection is told as cancelled with the shop’s reason', async () => {
    const { order, staff } = await webOrder();
    await staff.orders.transition({ orderId: order.id, to: 'rejected', reason: 'We ran out of pastry.' });
    const [n] = await rowsFor(order.id);
    expect(n).toMatchObject({ topic: 'order_cancelled', title: `Crumb Bakery could not take order ${order.number}` });
    expect(n?.body).toContain('We ran out of pastry.');
  });

  it('keeps to the customer’s choices: a topic turned off on push is not pushed, and is still on the record', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    await me.notifications.setPref({ topic: 'order_accepted', channel: 'push', enabled: false });
    const { order, staff } = await webOrder({ customerCookie: customer.cookie });
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
    const push = recordingChannel('push');
    await deliverer([push]).runtime.tick();
    expect(push.sent.filter((n) => n.orderId === order.id).map((n) => n.topic)).toEqual(['order_ready']);
    const history = await me.notifications.history({ limit: 10 });
    expect(history.items.map((i) => [i.topic, i.deliveries.map((d) => `${d.channel}:${d.status}`)])).toEqual([
      ['order_ready', ['push:sent']],
      ['order_accepted', []],
    ]);
  });

  it('retries a channel that failed for now — only that channel, the other is not sent twice', async () => {
    const { order, staff } = await webOrder();
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    const push = recordingChannel('push');
    let smsDown = true;
    const sms = recordingChannel('sms', () => {
      if (smsDown) throw new Error('provider answered 503');
      return { status: 'sent', detail: 'SM123' };
    });
    // order_accepted is not texted by default; a ready order is
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
    const { runtime, clock } = deliverer([push, sms]);
    const first = await runtime.tick();
    expect(first.retried).toBeGreaterThan(0);
    const [ready] = (await rowsFor(order.id)).filter((n) => n.topic === 'order_ready');
    if (!ready) throw new Error('no ready notification');
    expect(ready.doneAt).toBeNull();
    const waiting = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, ready.id));
    expect(waiting.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([['push', 'sent', 1], ['sms', 'retry', 1]]);

    smsDown = false;
    clock.now = new Date(clock.now.getTime() + 60_000);
    await runtime.tick();
    const after = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, ready.id));
    expect(after.map((d) => [d.channel, d.status, d.detail]).sort()).toEqual([['push', 'sent', ''], ['sms', 'sent', 'SM123']]);
    expect(push.sent.filter((n) => n.id === ready.id)).toHaveLength(1);
    expect(sms.sent.filter((n) => n.id === ready.id)).toHaveLength(1);
    expect((await rowsFor(order.id)).find((n) => n.id === ready.id)?.doneAt).not.toBeNull();
  });

  it('one dedupe key is one notification; a big fan-out is queued in batches of 200', async () => {
    const customer = await createCustomerFixture(db());
    const req = { topic: 'back_in_stock' as const, dedupeKey: `restock:test:${customer.customerId}`, customerId: customer.customerId, title: 'Pie is back', body: 'Pie is back at Crumb Bakery.', url: '/' };
    expect(await notify(db(), req)).toBe(true);
    expect(await notify(db(), req)).toBe(false);
    const many = Array.from({ length: 450 }, (_, i) => ({ ...req, dedupeKey: `restock:bulk:${customer.customerId}:${String(i)}` }));
    expect(await notifyMany(db(), many)).toBe(450);
    const queuedJobs = await db().select().from(jobs).where(and(eq(jobs.kind, NOTIFY_JOB), eq(jobs.status, 'queued')));
    const sizes = queuedJobs.map((j) => (j.payload.ids as string[]).length).filter((n) => n > 1).sort((a, b) => a - b);
    expect(sizes).toEqual([50, 200, 200]);
    expect(await notifyMany(db(), many)).toBe(0);
  });

  it('emails a back-in-stock notice to a confirmed address (through the outbox), not to an unconfirmed one', async () => {
    const confirmed = await createCustomerFixture(db());
    const unconfirmed = await createCustomerFixture(db(), { verified: false });
    const base = { topic: 'back_in_stock' as const, title: 'Sourdough is back at Crumb Bakery', body: 'Sourdough is back in stock.', url: '/p/sourdough' };
    await notify(db(), { ...base, dedupeKey: `restock:email:${confirmed.customerId}`, customerId: confirmed.customerId });
    await notify(db(), { ...base, dedupeKey: `restock:email:${unconfirmed.customerId}`, customerId: unconfirmed.customerId });
    await deliverer([createEmailChannel(db(), get().env)]).runtime.tick();
    const emails = await db().select().from(emailOutbox).where(eq(emailOutbox.kind, 'notification'));
    const toConfirmed = emails.filter((e) => e.to === confirmed.email);
    expect(toConfirmed).toHaveLength(1);
    expect(toConfirmed[0]?.subject).toBe('Sourdough is back at Crumb Bakery');
    expect(toConfirmed[0]?.body).toContain('http://localhost:3000/p/sourdough');
    expect(toConfirmed[0]?.body).toContain('http://localhost:3000/account#notifications');
    expect(emails.some((e) => e.to === unconfirmed.email)).toBe(false);
  });
});
