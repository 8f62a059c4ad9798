import { uuidv7, type OrderStatus } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, posPushes, taxRates } from '../../db/schema/index';
import { enqueue } from '../../jobs/queue';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { DB_KINDS } from '../../test/db';
import { checkoutRequest, type TestProduct } from '../orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle, startWebhookApp, stripeTestEnv } from '../payments/payments-test-kit';
import { bridgeView, setOptions } from './manage';
import { ORDER_PUSH_JOB } from './order-push';
import type { CreatedProduct } from './shopify/fake/index';
import { localId, MARKET, SHOP, startShopifyRig, type ShopifyRig } from './shopify-test-kit';

const stripe = await startFakeStripe();
afterAll(async () => stripe.close());

for (const kind of DB_KINDS) {
  describe(`web orders shown in Shopify [${kind}]`, () => {
    let rig: ShopifyRig;
    let hooks: { close(): Promise<void> };
    let bread: CreatedProduct;
    let jam: CreatedProduct;
    const browser = fakeStripeSdk(stripe);
    const item = (p: CreatedProduct) => p.inventoryItemIds[0] ?? '';
    const shopifyCount = (p: CreatedProduct) => rig.fake.stateOf.available(item(p), MARKET);
    const product = async (p: CreatedProduct): Promise<TestProduct> => ({ productId: '', variantId: await localId(rig, 'variant', item(p)), sku: '' });
    const onHand = async (p: CreatedProduct) => rig.onHand(await localId(rig, 'variant', item(p)));
    const shopifyOrdersOf = (orderId: string) => rig.fake.stateOf.orders(SHOP).filter((o) => o.sourceIdentifier === `mk-ord-${orderId}`);
    const orderPush = async (orderId: string) => {
      const [p] = await rig.db.select().from(posPushes).where(and(eq(posPushes.kind, 'order'), eq(posPushes.localRef, orderId)));
      return p;
    };

    /** A storefront checkout paid by card; Stripe's webhook arrives and the payments jobs run. */
    async function paidOrder(items: [CreatedProduct, number][]) {
      const anon = await rig.server.caller();
      const req = checkoutRequest(await Promise.all(items.map(async ([p, n]) => [await product(p), n] as [TestProduct, number])), [{ vendorId: rig.vendor.vendorId }], { paymentMethod: 'card', note: 'Sliced please' });
      const placed = await anon.orders.checkout(req);
      const order = placed.orders[0];
      if (!order) throw new Error('no order');
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await settle(rig.database, rig.env, stripe);
      return order;
    }

    async function staffMove(orderId: string, to: OrderStatus, reason?: string): Promise<void> {
      const manager = await rig.server.caller({ bearer: rig.vendor.managerToken });
      await manager.orders.transition({ orderId, to, ...(to === 'accepted' ? { prepMinutes: 10 } : {}), ...(reason ? { reason } : {}) });
    }

    /** Shopify's webhooks about what just happened arrive; the server's jobs process them. */
    async function shopifyTells(): Promise<void> {
      const statuses = await rig.deliver(rig.fake.takeWebhooks());
      expect(statuses.every((s) => s === 200)).toBe(true);
      await rig.drain();
    }

    beforeAll(async () => {
      rig = await startShopifyRig(kind, { envOverrides: stripeTestEnv(stripe) });
      hooks = await startWebhookApp(rig.database, rig.env, stripe);
      await rig.db.insert(taxRates).values({ id: uuidv7(), vendorId: rig.vendor.vendorId, taxClass: 'standard', name: 'VAT standard', rateBps: 2000 });
      await enableCardPayments(rig.db, stripe, rig.vendor.vendorId);
      bread = rig.fake.createProduct(SHOP, { title: 'Sourdough', variants: [{ sku: 'BREAD', price: '4.50', tracked: true, available: 10 }] });
      jam = rig.fake.createProduct(SHOP, { title: 'Jam', variants: [{ sku: 'JAM', price: '3.00', tracked: true, available: 6 }] });
      await rig.importAll();
      rig.fake.takeWebhooks();
      await setOptions(rig.db, rig.env, rig.vendor.vendorId, { webOrdersInPos: true });
    }, 120_000);
    afterAll(async () => {
      await hooks.close();
      await rig.close();
    });

    it('a paid web order becomes exactly one Shopify order though Shopify commits and answers 503; Shopify’s stock drops once and ours never twice', async () => {
      const order = await paidOrder([
        [bread, 3],
        [jam, 1],
      ]);
      expect(await orderPush(order.id)).toMatchObject({ state: 'pending', idempotencyKey: `mk-ord-${order.id}` });
      rig.fake.faults.failAfterCommit({ times: 1, field: 'orderCreate' });
      await rig.drain();
      const [created] = shopifyOrdersOf(order.id);
      expect(shopifyOrdersOf(order.id)).toHaveLength(1);
      expect(rig.fake.calls('orderCreate')).toHaveLength(1);
      expect((await orderPush(order.id))?.extRef).toBe(created?.id);
      expect(created).toMatchObject({ displayFulfillmentStatus: 'UNFULFILLED', cancelledAt: null });
      // what the customer paid per item (the shop adds 20 % VAT on top of its prices)
      expect(created?.lines.map((l) => [l.variantId, l.quantity, l.price])).toEqual([
        [bread.variantIds[0], 3, '5.40'],
        [jam.variantIds[0], 1, '3.60'],
      ]);

      // a server killed after Shopify answered but before the answer was written down: the job runs again from scratch
      const push = await orderPush(order.id);
      await rig.db.update(posPushes).set({ extRef: null }).where(eq(posPushes.id, push?.id ?? ''));
      await enqueue(rig.db, ORDER_PUSH_JOB, `rerun:${push?.id ?? ''}`, { pushId: push?.id ?? '', connectionId: push?.connectionId ?? '' });
      await rig.drain();
      expect(shopifyOrdersOf(order.id)).toHaveLength(1);
      expect(rig.fake.calls('orderCreate')).toHaveLength(1);
      expect((await orderPush(order.id))?.extRef).toBe(created?.id);

      // Shopify took the stock when it created the order (DECREMENT_OBEYING_POLICY), once; its count reaches us
      expect(shopifyCount(bread)).toBe(7);
      expect(shopifyCount(jam)).toBe(5);
      // read by the push job right after Shopify created the order, before any webhook arrives
      expect(await onHand(bread)).toBe(7);
      expect(await onHand(jam)).toBe(5);
      await shopifyTells();
      expect(await onHand(bread)).toBe(7);
      expect(await onHand(jam)).toBe(5);
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).pendingPushes).toBe(0);

      // handed over here: fulfilled in Shopify, no adjustment sent, and the stock settled at Shopify's count
      rig.clock.t += 1_000;
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(order.id, to);
      // the moment it is handed over, before any job runs: Shopify already has the sale, so it is not counted again
      expect(await onHand(bread)).toBe(7);
      expect(await onHand(jam)).toBe(5);
      await rig.drain();
      expect(rig.fake.stateOf.order(created?.id ?? '').displayFulfillmentStatus).toBe('FULFILLED');
      expect(shopifyCount(bread)).toBe(7);
      expect(await onHand(bread)).toBe(7);
      expect(await onHand(jam)).toBe(5);
      await shopifyTells();
      expect(await onHand(bread)).toBe(7);
      expect(rig.fake.calls('inventoryAdjustQuantities')).toHaveLength(0);
      const pushes = await rig.db.select({ kind: posPushes.kind, quantity: posPushes.quantity, state: posPushes.state }).from(posPushes);
      expect(pushes.map((p) => [p.kind, p.quantity, p.state]).sort()).toEqual([
        ['order', 0, 'acknowledged'],
        ['order_line', -1, 'acknowledged'],
        ['order_line', -3, 'acknowledged'],
      ]);
      const [row] = await rig.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      expect(row?.status).toBe('completed');
      // a sale at Shopify POS afterwards still comes through
      rig.clock.t += 1_000;
      rig.fake.sellAtPos(bread.variantIds[0] ?? '', 1, MARKET);
      await shopifyTells();
      expect(await onHand(bread)).toBe(6);
    }, 120_000);

    it('handed over before it reached Shopify: created and fulfilled there once, its stock taken once', async () => {
      const before = shopifyCount(jam);
      const order = await paidOrder([[jam, 2]]);
      rig.clock.t += 1_000;
      for (const to of ['accepted', 'ready', 'completed'] as const) await staffMove(order.id, to);
      // owed to Shopify until it takes the order: counted here at once, never more than Shopify will have
      expect(await onHand(jam)).toBe(before - 2);
      await rig.drain();
      const found = shopifyOrdersOf(order.id);
      expect(found).toHaveLength(1);
      expect(rig.fake.stateOf.order(found[0]?.id ?? '').displayFulfillmentStatus).toBe('FULFILLED');
      expect(shopifyCount(jam)).toBe(before - 2);
      expect(await onHand(jam)).toBe(before - 2);
      await shopifyTells();
      expect(await onHand(jam)).toBe(before - 2);
      expect(rig.fake.calls('inventoryAdjustQuantities')).toHaveLength(0);
      const lines = await rig.db.select({ kind: posPushes.kind, state: posPushes.state }).from(posPushes).where(eq(posPushes.quantity, -2));
      expect(lines.map((l) => [l.kind, l.state])).toEqual([['order_line', 'acknowledged']]);
    }, 120_000);

    it('cancelled here: the Shopify order is cancelled with restock and both counts come back', async () => {
      const before = { bread: shopifyCount(bread), jam: shopifyCount(jam) };
      const order = await paidOrder([[bread, 2]]);
      await rig.drain();
      const [created] = shopifyOrdersOf(order.id);
      expect(shopifyCount(bread)).toBe(before.bread - 2);
      await shopifyTells();
      expect(await onHand(bread)).toBe(before.bread - 2);
      // Shopify stamps counts in whole seconds (a restock in the same second as the sale would tie: the lower is kept)
      rig.clock.t += 1_000;
      await staffMove(order.id, 'rejected', 'Oven broke');
      await rig.drain();
      expect(rig.fake.stateOf.order(created?.id ?? '').cancelledAt).not.toBeNull();
      expect(shopifyCount(bread)).toBe(before.bread);
      await shopifyTells();
      expect(await onHand(bread)).toBe(before.bread);
      expect(await onHand(jam)).toBe(before.jam);
      expect(rig.fake.calls('orderCancel')).toHaveLength(1);
      expect(rig.fake.calls('inventoryAdjustQuantities')).toHaveLength(0);
      expect(await orderPush(order.id)).toMatchObject({ state: 'acknowledged' });
      const [row] = await rig.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      expect(row?.status).toBe('rejected');
    }, 120_000);
  });
}
