import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { posPushes } from '../../db/schema/index';
import { enqueue } from '../../jobs/queue';
import { addProduct } from '../orders/test-kit';
import { startWebhookApp, stripeTestEnv } from '../payments/payments-test-kit';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { describeEachDb } from '../../test/harness';
import { bridgeView, pause, resume, setOptions } from './manage';
import { paidUnits } from './order-outbound';
import { ORDER_PUSH_JOB } from './order-push';
import { jobsOf, onHand, pushesOf, runBridgeJobs, squareOrdersFor, squareTestEnv, startPosHookApp, webOrderSteps, type SquareShop } from './order-push-kit';
import { startSquareFake } from './square/fake/index';

const stripe = await startFakeStripe();
const square = await startSquareFake();
afterAll(async () => {
  await stripe.close();
  await square.close();
});

describeEachDb(
  'bridges: web orders shown in Square (push)',
  (get) => {
    const { db, shopOnSquare, checkout, pay, staffMove, statusOf } = webOrderSteps(get, stripe, square);
    let hooks: { close(): Promise<void> }[] = [];
    beforeAll(async () => {
      hooks = [await startWebhookApp(get().database, get().env, stripe), await startPosHookApp(get().database, get().env, square)];
    });
    afterAll(async () => {
      for (const h of hooks) await h.close();
    });

    const orderPushes = async (s: SquareShop) => (await pushesOf(db(), s.connectionId)).filter((p) => p.kind === 'order');
    const adjustments = (s: SquareShop) => square.requests.filter((r) => r.path === '/v2/inventory/changes/batch-create' && r.merchantId === s.merchantId && r.status === 200);
    const squareOrderCalls = (s: SquareShop) => square.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders' && r.merchantId === s.merchantId);

    async function handOver(s: SquareShop, orderId: string): Promise<void> {
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(s, orderId, to);
    }

    it('a web order paid by card becomes one Square order with one external payment for what was paid, once despite a 5xx after commit and reruns', async () => {
      const s = await shopOnSquare(true);
      const candle = await addProduct(db(), s.shop.vendorId, { name: 'Candle', priceCents: 800 });
      const placed = await checkout(s, [[s.bread, 3], [s.jam, 1], [candle, 1]], 'card');
      const o = placed.order;
      expect(await orderPushes(s)).toHaveLength(0);
      await pay(placed);
      const [push] = await orderPushes(s);
      expect(push).toMatchObject({ localRef: o.id, idempotencyKey: `mk-ord-${o.id}`, state: 'pending' });

      // Square commits the payment but answers 500, twice (the SDK's own retry too): the job fails and is retried
      square.faults.failAfterCommit({ times: 2, path: '/v2/payments' });
      expect((await runBridgeJobs(db(), get().env)).retried).toBe(1);
      expect((await orderPushes(s))[0]).toMatchObject({ state: 'sent', extRef: null });
      await runBridgeJobs(db(), get().env, new Date(Date.now() + 3_600_000));
      const sent = (await orderPushes(s))[0];
      expect(sent?.state).toBe('sent');
      expect(sent?.extRef).toBeTruthy();

      // a server killed after Square answered but before the answer was written down: the job runs again from scratch
      await db().update(posPushes).set({ extRef: null }).where(eq(posPushes.id, push?.id ?? ''));
      await enqueue(db(), ORDER_PUSH_JOB, `rerun:${push?.id ?? ''}`, { pushId: push?.id ?? '', connectionId: s.connectionId });
      expect((await runBridgeJobs(db(), get().env)).done).toBeGreaterThanOrEqual(1);
      square.faults.clear();

      const found = await squareOrdersFor(s, o.id);
      expect(found).toHaveLength(1);
      const sq = found[0];
      expect((await orderPushes(s))[0]?.extRef).toBe(sq?.id);
      expect(sq?.id).toBe(sent?.extRef);
      // what the customer paid for the bread and the jam (the candle is not in Square): 3 × 450 + 300
      expect(sq?.totalMoney?.amount).toBe(1650n);
      expect(sq?.netAmountDueMoney?.amount).toBe(0n);
      expect(sq?.lineItems?.map((l) => [l.catalogObjectId, l.quantity, l.basePriceMoney?.amount])).toEqual([
        [s.breadExt, '3', 450n],
        [s.jamExt, '1', 300n],
      ]);
      expect(sq?.tenders?.map((t) => [t.type, t.amountMoney?.amount])).toEqual([['OTHER', 1650n]]);
      const pickup = sq?.fulfillments?.[0]?.pickupDetails;
      expect(pickup?.recipient?.displayName).toBe('Ada Buyer');
      expect(pickup?.note).toContain(o.number);
      expect(pickup?.note).toContain('Sliced please');
      expect(pickup?.note).toContain('1 × Candle');
      // every attempt carried the same keys, and Square kept one order and one payment
      expect(new Set(squareOrderCalls(s).map((r) => r.idempotencyKey))).toEqual(new Set([`mk-ord-${o.id}`]));
      const payCalls = square.requests.filter((r) => r.method === 'POST' && r.path === '/v2/payments' && r.merchantId === s.merchantId);
      expect(new Set(payCalls.map((r) => r.idempotencyKey))).toEqual(new Set([`mk-pay-${o.id}`]));
      expect(payCalls.length).toBeGreaterThanOrEqual(3);
      expect(adjustments(s)).toHaveLength(0);
      expect((await jobsOf(db(), ORDER_PUSH_JOB)).filter((j) => j.status === 'failed')).toHaveLength(0);
      expect(await statusOf(o.id)).toBe('placed');
      expect(await onHand(db(), s.bread.variantId)).toBe(10);
      // the back office: nothing is waiting to be sent (the order is in Square, waiting there for pickup)
      expect((await bridgeView(db(), get().env, s.shop.vendorId, 'owner')).pendingPushes).toBe(0);
    });

    it('an order paid at pickup is not shown in Square: handed over, it reaches Square as adjustments, like a counter sale', async () => {
      const s = await shopOnSquare(true);
      const atPickup = await checkout(s, [[s.bread, 2]], 'pay_at_pickup');
      const byCard = await checkout(s, [[s.jam, 1]], 'card');
      await pay(byCard);
      await runBridgeJobs(db(), get().env);
      expect((await orderPushes(s)).map((p) => p.localRef)).toEqual([byCard.order.id]);
      await handOver(s, atPickup.order.id);
      await runBridgeJobs(db(), get().env);
      expect(await squareOrdersFor(s, atPickup.order.id)).toHaveLength(0);
      expect(await squareOrdersFor(s, byCard.order.id)).toHaveLength(1);
      const lines = (await pushesOf(db(), s.connectionId)).filter((p) => p.kind !== 'order');
      expect(lines.map((p) => [p.kind, p.quantity, p.state])).toEqual([['stock_delta', -2, 'acknowledged']]);
      expect(adjustments(s)).toHaveLength(1);
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
    });

    it('with the option off a card order is not shown in Square (adjustments only); turned on, the next one is', async () => {
      const s = await shopOnSquare(false);
      const first = await checkout(s, [[s.bread, 2]], 'card');
      await pay(first);
      await runBridgeJobs(db(), get().env);
      expect(await orderPushes(s)).toHaveLength(0);
      await handOver(s, first.order.id);
      await runBridgeJobs(db(), get().env);
      expect(squareOrderCalls(s)).toHaveLength(0);
      expect(adjustments(s)).toHaveLength(1);
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);

      await setOptions(db(), get().env, s.shop.vendorId, { webOrdersInPos: true });
      const second = await checkout(s, [[s.bread, 1]], 'card');
      await pay(second);
      await runBridgeJobs(db(), get().env);
      expect(await squareOrdersFor(s, second.order.id)).toHaveLength(1);
      expect(await squareOrdersFor(s, first.order.id)).toHaveLength(0);
    });

    it('Square refusing the order for good: its stock goes to Square as adjustments instead, and ends at Square’s count', async () => {
      const s = await shopOnSquare(true);
      const placed = await checkout(s, [[s.bread, 2], [s.jam, 1]], 'card');
      // the order's key was already used for another request: Square refuses it (IDEMPOTENCY_KEY_REUSED)
      await s.client.orders.create({ idempotencyKey: `mk-ord-${placed.order.id}`, order: { locationId: s.locationId, lineItems: [{ name: 'Other', quantity: '1', basePriceMoney: { amount: 100n, currency: 'GBP' } }] } });
      await pay(placed);
      // handed over before the push job ran: its lines wait as order lines for Square to complete the order
      await handOver(s, placed.order.id);
      expect((await pushesOf(db(), s.connectionId)).filter((p) => p.kind === 'order_line')).toHaveLength(2);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      await runBridgeJobs(db(), get().env);
      await runBridgeJobs(db(), get().env);
      const pushes = await pushesOf(db(), s.connectionId);
      expect(pushes.find((p) => p.kind === 'order')).toMatchObject({ state: 'failed', extRef: null });
      expect(pushes.filter((p) => p.kind !== 'order').map((p) => [p.kind, p.quantity, p.state]).sort()).toEqual([
        ['stock_delta', -1, 'acknowledged'],
        ['stock_delta', -2, 'acknowledged'],
      ]);
      expect(await squareOrdersFor(s, placed.order.id)).toHaveLength(0);
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(8);
      expect(square.count(s.merchantId, s.jamExt, s.locationId)).toBe(5);
      expect(await onHand(db(), s.bread.variantId)).toBe(8);
      expect(await onHand(db(), s.jam.variantId)).toBe(5);
      expect((await jobsOf(db(), ORDER_PUSH_JOB)).filter((j) => j.status === 'failed').map((j) => j.lastError)).toEqual([expect.stringContaining('idempotency key')]);

      // refused before it is handed over: its sale is an ordinary adjustment from the start
      const later = await checkout(s, [[s.bread, 3]], 'card');
      await s.client.orders.create({ idempotencyKey: `mk-ord-${later.order.id}`, order: { locationId: s.locationId, lineItems: [{ name: 'Other', quantity: '2', basePriceMoney: { amount: 100n, currency: 'GBP' } }] } });
      await pay(later);
      await runBridgeJobs(db(), get().env);
      expect((await pushesOf(db(), s.connectionId)).find((p) => p.localRef === later.order.id)?.state).toBe('failed');
      await handOver(s, later.order.id);
      const sale = (await pushesOf(db(), s.connectionId)).filter((p) => p.kind !== 'order' && p.quantity === -3);
      expect(sale.map((p) => [p.kind, p.state])).toEqual([['stock_delta', 'pending']]);
      await runBridgeJobs(db(), get().env);
      expect(square.count(s.merchantId, s.breadExt, s.locationId)).toBe(5);
      expect(await onHand(db(), s.bread.variantId)).toBe(5);
    });

    it('paused while the order is paid: nothing reaches Square; resumed, the order is shown there once', async () => {
      const s = await shopOnSquare(true);
      await pause(db(), s.shop.vendorId);
      const placed = await checkout(s, [[s.jam, 2]], 'card');
      await pay(placed);
      await runBridgeJobs(db(), get().env);
      expect(squareOrderCalls(s)).toHaveLength(0);
      expect(await orderPushes(s)).toHaveLength(0);
      await resume(db(), s.shop.vendorId);
      await runBridgeJobs(db(), get().env);
      expect(await squareOrdersFor(s, placed.order.id)).toHaveLength(0);

      // paused after it was paid: the push waits, and goes once the shop resumes
      const next = await checkout(s, [[s.jam, 1]], 'card');
      await pay(next);
      await pause(db(), s.shop.vendorId);
      await runBridgeJobs(db(), get().env);
      expect(squareOrderCalls(s)).toHaveLength(0);
      await resume(db(), s.shop.vendorId);
      await runBridgeJobs(db(), get().env);
      await runBridgeJobs(db(), get().env);
      expect(await squareOrdersFor(s, next.order.id)).toHaveLength(1);
      expect((await orderPushes(s)).map((p) => [p.localRef, p.state])).toEqual([[next.order.id, 'sent']]);
    });

    it('a line whose total does not divide by its quantity becomes two Square lines that add up to what was paid', () => {
      expect(paidUnits({ variantExtId: 'V', name: 'Bun', quantity: 3, totalCents: 1000 })).toEqual([
        { variantExtId: 'V', name: 'Bun', quantity: 2, unitPriceCents: 333 },
        { variantExtId: 'V', name: 'Bun', quantity: 1, unitPriceCents: 334 },
      ]);
      expect(paidUnits({ variantExtId: 'V', name: 'Bun', quantity: 2, totalCents: 900 })).toEqual([{ variantExtId: 'V', name: 'Bun', quantity: 2, unitPriceCents: 450 }]);
      expect(paidUnits({ variantExtId: 'V', name: 'Bun', quantity: 0, totalCents: 900 })).toEqual([]);
    });
  },
  stripeTestEnv(stripe, squareTestEnv(square)),
);
