import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderEvents } from '../../db/schema/index';
import { startWebhookApp, stripeTestEnv } from '../payments/payments-test-kit';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { describeEachDb } from '../../test/harness';
import { onHand, pushesOf, runBridgeJobs, squareOrdersFor, squareTestEnv, startPosHookApp, webOrderSteps, type SquareShop } from './order-push-kit';
import { startSquareFake, type FakeWebhookEvent } from './square/fake/index';

const stripe = await startFakeStripe();
const square = await startSquareFake();
afterAll(async () => {
  await stripe.close();
  await square.close();
});

describeEachDb(
  'bridges: web orders shown in Square (following and finishing)',
  (get) => {
    const { db, shopOnSquare, checkout, pay, staffMove, statusOf } = webOrderSteps(get, stripe, square);
    let hooks: { close(): Promise<void> }[] = [];
    let hookUrl = '';
    beforeAll(async () => {
      const pos = await startPosHookApp(get().database, get().env, square);
      hookUrl = pos.url;
      hooks = [await startWebhookApp(get().database, get().env, stripe), pos];
    });
    afterAll(async () => {
      for (const h of hooks) await h.close();
    });

    const adjustments = (s: SquareShop) => square.requests.filter((r) => r.path === '/v2/inventory/changes/batch-create' && r.merchantId === s.merchantId);

    /** A web order of 2 loaves paid by card, shown in Square; returns it with its Square order id. */
    async function pushedOrder(s: SquareShop) {
      const placed = await checkout(s, [[s.bread, 2]], 'card');
      await pay(placed);
      await runBridgeJobs(db(), get().env);
      const [sq] = await squareOrdersFor(s, placed.order.id);
      if (!sq?.id) throw new Error('the order did not reach Square');
      return { ...placed, extId: sq.id };
    }

    /** Square's webhooks for what just happened arrive; the server's jobs process them. */
    async function squareTells(): Promise<void> {
      await square.flushDeliveries();
      await runBridgeJobs(db(), get().env);
    }

    async function tracking(placed: Awaited<ReturnType<typeof pushedOrder>>): Promise<string> {
      return (await placed.anon.orders.byId({ orderId: placed.order.id, trackingToken: placed.order.trackingToken })).status;
    }

    it('the seller moves the pickup in Square: the Makeries order and the customer’s tracking follow, forward only, and Square’s completion settles the stock', async () => {
      const s = await shopOnSquare(true);
      const placed = await pushedOrder(s);
      const seen: FakeWebhookEvent[] = [];
      square.setFulfillmentState(placed.extId, 'RESERVED');
      seen.push(...square.outbox.filter((e) => e.merchantId === s.merchantId && e.type === 'order.updated'));
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('accepted');
      expect(await tracking(placed)).toBe('accepted');

      square.setFulfillmentState(placed.extId, 'PREPARED');
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('ready');
      expect(await tracking(placed)).toBe('ready');
      expect(await onHand(db(), s.bread.variantId)).toBe(10);

      square.setFulfillmentState(placed.extId, 'COMPLETED');
      await squareTells();
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('completed');
      expect(await tracking(placed)).toBe('completed');
      // Square took the stock when it completed the order; Makeries sent no adjustment and ends at Square's count
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      expect(adjustments(s)).toHaveLength(0);
      const pushes = await pushesOf(db(), s.connectionId);
      expect(pushes.map((p) => [p.kind, p.quantity, p.state]).sort()).toEqual([
        ['order', 0, 'acknowledged'],
        ['order_line', -2, 'acknowledged'],
      ]);

      // a stale event (sent when the seller accepted, delivered late under a new id) changes nothing
      const events = await db().select().from(orderEvents).where(eq(orderEvents.orderId, placed.order.id));
      const stale = seen[seen.length - 1];
      if (!stale) throw new Error('no order.updated event');
      const body = stale.body.replace(stale.eventId, uuidv7());
      const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': square.sign(body) }, body });
      expect(res.status).toBe(200);
      square.redeliver(stale);
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('completed');
      expect(await db().select().from(orderEvents).where(eq(orderEvents.orderId, placed.order.id))).toHaveLength(events.length);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
    });

    it('an order already further along in Makeries is not moved back by the seller accepting it in Square', async () => {
      const s = await shopOnSquare(true);
      const placed = await pushedOrder(s);
      await staffMove(s, placed.order.id, 'accepted');
      await staffMove(s, placed.order.id, 'ready');
      square.setFulfillmentState(placed.extId, 'RESERVED');
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('ready');
      expect(await tracking(placed)).toBe('ready');
    });

    it('handed over in Makeries: the Square order is completed, Square takes the stock, and the stock ends exactly at Square’s count', async () => {
      const s = await shopOnSquare(true);
      const placed = await pushedOrder(s);
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(s, placed.order.id, to);
      // until Square hears of it, the loaves count as sold here (never more than Square has minus our sales)
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      await runBridgeJobs(db(), get().env);
      const sq = square.order(placed.extId);
      expect([sq.state, sq.fulfillments?.[0]?.state]).toEqual(['COMPLETED', 'COMPLETED']);
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      expect((await pushesOf(db(), s.connectionId)).map((p) => p.state)).toEqual(['acknowledged', 'acknowledged']);
      // Square's own webhooks about it (order updated, count changed) arrive afterwards and change nothing
      await squareTells();
      await squareTells();
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      expect(await statusOf(placed.order.id)).toBe('completed');
      expect(adjustments(s)).toHaveLength(0);
      // a sale in Square afterwards still comes through
      square.sellAtPos(s.merchantId, s.breadExt, s.locationId, 1);
      await squareTells();
      expect(await onHand(db(), s.bread.variantId)).toBe(7);
    });

    it('rejected in Makeries: the Square order is cancelled and no stock moves on either side', async () => {
      const s = await shopOnSquare(true);
      const placed = await pushedOrder(s);
      await staffMove(s, placed.order.id, 'rejected', 'Oven broke');
      await runBridgeJobs(db(), get().env);
      expect(square.order(placed.extId).fulfillments?.[0]?.state).toBe('CANCELED');
      await squareTells();
      expect(await statusOf(placed.order.id)).toBe('rejected');
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(10);
      expect(await onHand(db(), s.bread.variantId)).toBe(10);
      expect((await pushesOf(db(), s.connectionId)).map((p) => [p.kind, p.state])).toEqual([['order', 'acknowledged']]);
    });

    it('rejected here before it reached Square: it is never sent', async () => {
      const s = await shopOnSquare(true);
      const placed = await checkout(s, [[s.bread, 1]], 'card');
      await pay(placed);
      await staffMove(s, placed.order.id, 'rejected', 'Sold out');
      await runBridgeJobs(db(), get().env);
      expect(square.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders' && r.merchantId === s.merchantId)).toHaveLength(0);
      expect((await pushesOf(db(), s.connectionId)).map((p) => [p.kind, p.state, p.lastError])).toEqual([['order', 'skipped', 'Cancelled before it reached the point of sale.']]);
      expect(await onHand(db(), s.bread.variantId)).toBe(10);
    });

    it('cancelled in Square after it was handed over here: the sale goes to Square as an adjustment', async () => {
      const s = await shopOnSquare(true);
      const placed = await pushedOrder(s);
      square.faults.rateLimit({ times: 20, path: `/v2/orders/${placed.extId}` });
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(s, placed.order.id, to);
      await runBridgeJobs(db(), get().env);
      square.faults.clear();
      square.setFulfillmentState(placed.extId, 'CANCELED');
      await squareTells();
      await runBridgeJobs(db(), get().env, new Date(Date.now() + 3_600_000));
      expect(await statusOf(placed.order.id)).toBe('completed');
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      expect((await pushesOf(db(), s.connectionId)).map((p) => [p.kind, p.state]).sort()).toEqual([
        ['order', 'acknowledged'],
        ['stock_delta', 'acknowledged'],
      ]);
    });
  },
  stripeTestEnv(stripe, squareTestEnv(square)),
);
