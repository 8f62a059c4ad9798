import type { OrderStatus } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, posEntityMap, posPushes, posSyncLog, posWebhookEvents } from '../../db/schema/index';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { DB_KINDS } from '../../test/db';
import { checkoutRequest, type TestProduct } from '../orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle, startWebhookApp, stripeTestEnv } from '../payments/payments-test-kit';
import type { FakeOrder } from './toast/fake/state';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

const stripe = await startFakeStripe();
afterAll(async () => stripe.close());

const ORDERS = '/orders/v2/orders';
const UPDATE = '/stock/v1/inventory/update';

for (const kind of DB_KINDS) {
  /** "Show web orders in Toast": a web order paid by card becomes a Toast order (externalId = our key), paid by an OTHER payment. */
  describe(`web orders shown in Toast [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    let bread: TestProduct;
    let hooks: { close(): Promise<void> };
    const browser = fakeStripeSdk(stripe);

    const pushesOf = async () => rig.db.select().from(posPushes).where(eq(posPushes.connectionId, (await rig.connection()).id));
    const orderPush = async (orderId: string) => (await pushesOf()).find((p) => p.kind === 'order' && p.localRef === orderId);
    const toastOrders = (orderId: string): FakeOrder[] => [...rig.fake.restaurant(RESTAURANT).orders.values()].filter((o) => o.externalId === `mk-ord-${orderId}`);
    const statusOf = async (orderId: string): Promise<OrderStatus | undefined> => (await rig.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]?.status;
    const toastCount = () => rig.fake.stockOf(RESTAURANT, ids[0] ?? '').quantity;

    /** A storefront order of `n` loaves, paid by card; the bridge's jobs run. Returns the order and its Toast order guid. */
    async function paidOrder(n: number, opts: { drain?: boolean } = {}) {
      const anon = await rig.server.caller();
      const req = checkoutRequest([[bread, n]], [{ vendorId: rig.vendor.vendorId }], { paymentMethod: 'card', note: 'Sliced please' });
      const placed = await anon.orders.checkout(req);
      const order = placed.orders[0];
      if (!order) throw new Error('no order');
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await settle(rig.database, rig.env, stripe);
      if (opts.drain !== false) await rig.drain();
      return { order, guid: (await orderPush(order.id))?.extRef ?? '' };
    }

    async function staffMove(orderId: string, to: OrderStatus, reason?: string): Promise<void> {
      const manager = await rig.server.caller({ bearer: rig.vendor.managerToken });
      await manager.orders.transition({ orderId, to, ...(to === 'accepted' ? { prepMinutes: 10 } : {}), ...(reason ? { reason } : {}) });
    }

    /** Toast's webhooks of what just happened arrive, and the jobs run. */
    async function toastTells(): Promise<void> {
      const sent = rig.fake.takeWebhooks();
      expect(await rig.deliver(sent)).toEqual(sent.map(() => 200));
      await rig.drain();
    }

    beforeAll(async () => {
      rig = await startToastRig(kind, { envOverrides: stripeTestEnv(stripe) });
      ids = rig.fake.seedMenu(RESTAURANT, 4);
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 20);
      await rig.importAll();
      await enableCardPayments(rig.db, stripe, rig.vendor.vendorId);
      hooks = await startWebhookApp(rig.database, rig.env, stripe);
      const c = await rig.connection();
      const [m] = await rig.db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, ids[0] ?? '')));
      bread = { productId: '', variantId: m?.id ?? '', sku: '' };
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      expect((await owner.bridges.setOptions({ webOrdersInPos: true })).options).toEqual({ webOrdersInPos: true });
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => {
      await hooks.close();
      await rig.close();
    });

    it('a paid web order is posted to Toast once, even when Toast commits it and answers 500 (found again by its externalId)', async () => {
      rig.fake.faults.failAfterCommit({ times: 1, path: ORDERS });
      const { order, guid } = await paidOrder(2);
      const found = toastOrders(order.id);
      expect(found).toHaveLength(1);
      expect(guid).toBe(found[0]?.guid);
      expect(await orderPush(order.id)).toMatchObject({ state: 'sent', idempotencyKey: `mk-ord-${order.id}` });
      const posts = rig.fake.requests.filter((r) => r.method === 'POST' && r.path === ORDERS);
      expect(posts.map((r) => r.status)).toEqual([500, 409]);
      const check = found[0]?.checks[0];
      // one selection per item (Toast prices it from its menu), however the paid lines were split
      expect(check?.selections.map((s) => [s.item.multiLocationId, s.quantity])).toEqual([[ids[0], 2]]);
      expect(check?.payments.map((p) => [p.type, p.otherPayment?.guid])).toEqual([['OTHER', 'other-pay-makeries']]);
      expect(check?.paymentStatus).toBe('CLOSED');
      // Toast took the stock when it created the order; no stock write was sent for it
      expect(toastCount()).toBe(18);
      expect(rig.fake.requests.filter((r) => r.path === UPDATE)).toHaveLength(0);
      expect(await statusOf(order.id)).toBe('placed');
    }, 120_000);

    it('the order follows Toast forward (a 600 KB order_updated webhook is stored and processed), never backwards', async () => {
      const { order, guid } = await paidOrder(1);
      await toastTells();
      rig.fake.faults.bigOrders(600_000);
      rig.fake.approveOrder(RESTAURANT, guid);
      rig.fake.markReady(RESTAURANT, guid);
      const sent = rig.fake.takeWebhooks().filter((h) => h.headers['toast-event-type'] === 'order_updated');
      expect(sent.every((h) => h.body.length > 600_000)).toBe(true);
      // the ready one arrives first; the older one after it
      expect(await rig.deliver([...sent].reverse())).toEqual(sent.map(() => 200));
      const stored = await rig.db.select({ body: posWebhookEvents.body, at: posWebhookEvents.processedAt }).from(posWebhookEvents).where(eq(posWebhookEvents.topic, 'order_updated/order_updated'));
      expect(stored.filter((s) => s.body.length > 600_000).length).toBeGreaterThanOrEqual(2);
      await rig.drain();
      rig.fake.faults.clear();
      expect(await statusOf(order.id)).toBe('ready');
      const processed = await rig.db.select({ at: posWebhookEvents.processedAt }).from(posWebhookEvents);
      expect(processed.every((p) => p.at !== null)).toBe(true);

      // an order already further along here is not moved back by Toast approving it later
      const second = await paidOrder(1);
      await staffMove(second.order.id, 'accepted');
      await staffMove(second.order.id, 'ready');
      rig.fake.approveOrder(RESTAURANT, second.guid);
      await toastTells();
      expect(await statusOf(second.order.id)).toBe('ready');
    }, 120_000);

    it('handed over here: the order’s stock is settled at once from Toast’s count (Toast took it at creation), nothing is written', async () => {
      const { order } = await paidOrder(3);
      expect(toastCount()).toBe(13);
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(order.id, to);
      await rig.drain();
      const pushes = (await pushesOf()).filter((p) => p.localRef === order.id || (p.kind === 'order_line' && p.quantity === -3));
      expect(pushes.map((p) => [p.kind, p.quantity, p.state]).sort()).toEqual([
        ['order', 0, 'acknowledged'],
        ['order_line', -3, 'acknowledged'],
      ]);
      expect(toastCount()).toBe(13);
      expect(await rig.onHand(bread.variantId)).toBe(13);
      expect(rig.fake.requests.filter((r) => r.path === UPDATE)).toHaveLength(0);
      // Toast's own webhooks about it change nothing
      await toastTells();
      expect(await rig.onHand(bread.variantId)).toBe(13);
      expect(await statusOf(order.id)).toBe('completed');
    }, 120_000);

    it('cancelled here after it reached Toast: the log says to void it in Toast (Toast has no API for it); nothing is sent', async () => {
      const { order } = await paidOrder(1);
      const requests = rig.fake.requests.length;
      await staffMove(order.id, 'rejected', 'Oven broke');
      await rig.drain();
      expect(rig.fake.requests.slice(requests).filter((r) => r.method !== 'GET')).toEqual([]);
      expect(await orderPush(order.id)).toMatchObject({ state: 'acknowledged' });
      const c = await rig.connection();
      const log = await rig.db.select({ level: posSyncLog.level, message: posSyncLog.message }).from(posSyncLog).where(eq(posSyncLog.connectionId, c.id));
      expect(log).toContainEqual({ level: 'warn', message: `Web order ${order.number} was cancelled here: void it in Toast too, so its stock comes back there.` });
      expect(toastOrders(order.id)[0]?.voided).toBe(false);
    }, 120_000);
  });
}
