import { uuidv7 } from '@makeries/shared';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentTransfers } from '../db/schema/index';
import { deleteFinishedJobs } from '../jobs/queue';
import { DONE_RETENTION_MS } from '../jobs/runtime';
import { addProduct, checkoutRequest, createShop, failure, writeSnapshot, type TestProduct } from '../services/orders/test-kit';
import { enableCardPayments, fakeStripeSdk, runPaymentJobs, settle, startWebhookApp, stripeTestEnv } from '../services/payments/payments-test-kit';
import { enqueueCardOrderWork } from '../services/payments/sweep';
import { startFakeStripe } from '../test/fake-stripe/index';
import type { VendorFixture } from '../test/fixtures';
import { describeEachDb, type TestServer } from '../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());
const browser = fakeStripeSdk(fake);

interface CardShop {
  shop: VendorFixture;
  bun: TestProduct;
  accountId: string;
}

describeEachDb(
  'payments: storefront card checkout',
  (get) => {
    const db = () => get().database.db;
    let a: CardShop;
    let b: CardShop;
    let webhook: { close(): Promise<void> };

    async function cardShop(feeBps: number, price: number): Promise<CardShop> {
      const shop = await createShop(db());
      const bun = await addProduct(db(), shop.vendorId, { name: `Bun ${price}`, priceCents: price, stock: 100 });
      const accountId = await enableCardPayments(db(), fake, shop.vendorId, feeBps);
      return { shop, bun, accountId };
    }

    beforeAll(async () => {
      webhook = await startWebhookApp(get().database, get().env, fake);
      a = await cardShop(500, 250);
      b = await cardShop(1000, 333);
    });
    afterAll(() => webhook.close());

    const run = () => settle(get().database, get().env, fake);

    async function placeCard(server: TestServer, shops: CardShop[] = [a, b], qty = 2) {
      const anon = await server.caller();
      const req = checkoutRequest(
        shops.map((s) => [s.bun, qty]),
        shops.map((s) => ({ vendorId: s.shop.vendorId })),
        { paymentMethod: 'card' },
      );
      const placed = await anon.orders.checkout(req);
      return { anon, req, placed };
    }

    async function orderRows(checkoutId: string) {
      return db().select().from(orders).where(eq(orders.checkoutId, checkoutId));
    }

    async function accept(shop: VendorFixture, orderId: string) {
      await (await get().caller({ bearer: shop.managerToken })).orders.transition({ orderId, to: 'accepted', prepMinutes: 10 });
    }

    it('one PaymentIntent for a two-shop checkout; paid by webhook; each shop gets its share minus its fee when it accepts', async () => {
      const { anon, req, placed } = await placeCard(get());
      expect((await orderRows(placed.checkoutId)).map((o) => o.paymentStatus)).toEqual(['unpaid', 'unpaid']);
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      expect(intent).toMatchObject({ amountCents: 500 + 666, currency: 'GBP', publishableKey: 'pk_test_makeries', status: 'requires_payment' });
      expect(intent.amountCents).toBe(placed.totalCents);
      const pi = fake.state.paymentIntents.get(intent.paymentIntentId);
      expect(pi).toMatchObject({ amount: 1166, transfer_group: placed.checkoutId, client_secret: intent.clientSecret });
      // asking again (page reload) gives the same intent
      expect((await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey })).paymentIntentId).toBe(pi?.id);
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      expect((await orderRows(placed.checkoutId)).map((o) => o.paymentStatus)).toEqual(['paid', 'paid']);
      // nobody accepted yet (the fake is shared by the PGlite and PostgreSQL runs: count this checkout's only)
      expect([...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId)).toHaveLength(0);
      const orderA = placed.orders.find((o) => o.vendorId === a.shop.vendorId);
      const orderB = placed.orders.find((o) => o.vendorId === b.shop.vendorId);
      if (!orderA || !orderB) throw new Error('missing orders');
      await accept(a.shop, orderA.id);
      await run();
      const toA = [...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId);
      expect(toA).toHaveLength(1);
      expect(toA[0]).toMatchObject({ amount: 500 - 25, destination: a.accountId, currency: 'gbp' });
      await accept(b.shop, orderB.id);
      await run();
      await run();
      const all = [...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId);
      expect(all.map((t) => [t.destination, t.amount]).sort()).toEqual([[a.accountId, 475], [b.accountId, 666 - 67]].sort());
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const owner = await get().caller({ bearer: a.shop.ownerToken });
      const view = await owner.payments.payouts({ from: day, to: day });
      expect(view.days).toEqual([{ date: day, chargesCents: 500, feesCents: 25, transfersCents: 475, refundsCents: 0, netCents: 475 }]);
      expect((await failure((await get().caller({ bearer: a.shop.cashierToken })).payments.payouts({ from: day, to: day }))).appCode).toBe('FORBIDDEN');
    });

    it('a declined card leaves the orders unpaid; another card then pays', async () => {
      const { anon, req, placed } = await placeCard(get(), [a]);
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await expect(browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_chargeDeclined' })).rejects.toThrow(/declined/);
      await run();
      expect((await orderRows(placed.checkoutId))[0]?.paymentStatus).toBe('unpaid');
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      expect((await orderRows(placed.checkoutId))[0]?.paymentStatus).toBe('paid');
    });

    it('a shop rejecting after payment refunds exactly its share; the other shop keeps its order and transfer', async () => {
      const { anon, req, placed } = await placeCard(get());
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      const orderA = placed.orders.find((o) => o.vendorId === a.shop.vendorId);
      const orderB = placed.orders.find((o) => o.vendorId === b.shop.vendorId);
      if (!orderA || !orderB) throw new Error('missing orders');
      await (await get().caller({ bearer: a.shop.managerToken })).orders.transition({ orderId: orderA.id, to: 'rejected', reason: 'Oven broke' });
      await accept(b.shop, orderB.id);
      await run();
      await run();
      const refunds = [...fake.state.refunds.values()].filter((r) => r.payment_intent === intent.paymentIntentId);
      expect(refunds.map((r) => r.amount)).toEqual([500]);
      const rows = await orderRows(placed.checkoutId);
      expect(rows.find((o) => o.id === orderA.id)?.paymentStatus).toBe('refunded');
      expect(rows.find((o) => o.id === orderB.id)?.paymentStatus).toBe('paid');
      const transfers = [...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId);
      expect(transfers.map((t) => t.destination)).toEqual([b.accountId]);
      // once the finished jobs are cleaned up after their retention, the sweep queues neither order again
      expect(await deleteFinishedJobs(db(), new Date(Date.now() + DONE_RETENTION_MS))).toBeGreaterThan(0);
      expect(await enqueueCardOrderWork(db(), placed.checkoutId)).toBe(0);
    });

    it('a partial refund later gives that much back and reverses the shop’s transfer pro rata, once', async () => {
      const { anon, req, placed } = await placeCard(get(), [a], 4); // 1000
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      const order = placed.orders[0];
      if (!order) throw new Error('no order');
      await accept(a.shop, order.id);
      await run();
      const manager = await get().caller({ bearer: a.shop.managerToken });
      const refundId = uuidv7();
      const r = await manager.payments.refundOrder({ orderId: order.id, amountCents: 300, refundId });
      expect(r).toEqual({ refundId, status: 'succeeded', amountCents: 300 });
      expect(await manager.payments.refundOrder({ orderId: order.id, amountCents: 300, refundId })).toEqual(r);
      const transfer = [...fake.state.transfers.values()].find((t) => t.transfer_group === placed.checkoutId);
      expect(transfer?.amount).toBe(950);
      expect(transfer?.reversals.data.map((x) => x.amount)).toEqual([285]); // 300 × 950/1000
      expect([...fake.state.refunds.values()].filter((x) => x.payment_intent === intent.paymentIntentId).map((x) => x.amount)).toEqual([300]);
      const [row] = await db().select().from(orders).where(eq(orders.id, order.id));
      expect(row?.paymentStatus).toBe('partially_refunded');
      const [t] = await db().select().from(paymentTransfers).where(eq(paymentTransfers.orderId, order.id));
      expect(t?.reversedCents).toBe(285);
      const tooMuch = await failure(manager.payments.refundOrder({ orderId: order.id, amountCents: 701, refundId: uuidv7() }));
      expect(tooMuch.appCode).toBe('BAD_INPUT');
      const cashier = await get().caller({ bearer: a.shop.cashierToken });
      expect((await failure(cashier.payments.refundOrder({ orderId: order.id, amountCents: 1, refundId: uuidv7() }))).appCode).toBe('FORBIDDEN');
      // another shop's manager cannot refund it
      const other = await get().caller({ bearer: b.shop.managerToken });
      expect((await failure(other.payments.refundOrder({ orderId: order.id, amountCents: 1, refundId: uuidv7() }))).appCode).toBe('NOT_FOUND');
    });

    it('Stripe timing out while starting the payment: retrying makes one PaymentIntent, one charge', async () => {
      const { anon, req, placed } = await placeCard(get(), [a]);
      fake.faults.timeoutNext(2, 3000);
      const timedOut = await failure(anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey }));
      expect(timedOut.appCode).toBe('FULFILMENT_UNAVAILABLE');
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      const made = [...fake.state.paymentIntents.values()].filter((p) => p.transfer_group === placed.checkoutId);
      expect(made.map((p) => p.id)).toEqual([intent.paymentIntentId]);
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      expect([...fake.state.charges.values()].filter((c) => c.payment_intent === intent.paymentIntentId)).toHaveLength(1);
    });

    it('a failed transfer is retried by the queue with backoff and made once', async () => {
      const { anon, req, placed } = await placeCard(get(), [a]);
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      const order = placed.orders[0];
      if (!order) throw new Error('no order');
      fake.faults.failNextTransfer(1);
      await accept(a.shop, order.id);
      await run();
      expect([...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId)).toHaveLength(0);
      await runPaymentJobs(db(), get().env, { now: () => new Date(Date.now() + 3_600_000) });
      await runPaymentJobs(db(), get().env, { now: () => new Date(Date.now() + 7_200_000) });
      expect([...fake.state.transfers.values()].filter((t) => t.transfer_group === placed.checkoutId)).toHaveLength(1);
    });

    it('card is refused (nothing written) when a shop in the cart cannot take cards; the guest key guards the intent', async () => {
      const plain = await createShop(db());
      const roll = await addProduct(db(), plain.vendorId, { name: 'Roll', priceCents: 100, stock: 5 });
      const before = await writeSnapshot(db());
      const anon = await get().caller();
      expect(await anon.payments.cardShops({ vendorIds: [a.shop.vendorId, plain.vendorId] })).toEqual({ available: false, unavailableVendorIds: [plain.vendorId] });
      expect(await anon.payments.cardShops({ vendorIds: [a.shop.vendorId, b.shop.vendorId] })).toEqual({ available: true, unavailableVendorIds: [] });
      const refused = await failure(
        anon.orders.checkout(checkoutRequest([[a.bun, 1], [roll, 1]], [{ vendorId: a.shop.vendorId }, { vendorId: plain.vendorId }], { paymentMethod: 'card' })),
      );
      expect(refused.appCode).toBe('FULFILMENT_UNAVAILABLE');
      expect(refused.message).toMatch(/pay at pickup/);
      expect(await writeSnapshot(db())).toEqual(before);
      const { placed } = await placeCard(get(), [a]);
      expect((await failure(anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: uuidv7() }))).appCode).toBe('NOT_FOUND');
      const pickupReq = checkoutRequest([[roll, 1]], [{ vendorId: plain.vendorId }]);
      const pickup = await anon.orders.checkout(pickupReq);
      const [row] = await db().select().from(orders).where(inArray(orders.id, pickup.orders.map((o) => o.id)));
      expect(row?.paymentStatus).toBe('pay_at_pickup');
      const notCard = await failure(anon.payments.cardIntent({ checkoutId: pickup.checkoutId, idempotencyKey: pickupReq.idempotencyKey }));
      expect(notCard.appCode).toBe('CONFLICT');
      expect([...fake.state.paymentIntents.values()].filter((pi) => pi.transfer_group === pickup.checkoutId)).toHaveLength(0);
      const [n] = await db().select({ n: count() }).from(orders).where(eq(orders.checkoutId, pickup.checkoutId));
      expect(n?.n).toBe(1);
    });
  },
  stripeTestEnv(fake),
);

describe('without Stripe keys', () => {
  describeEachDb('payments checkout (no keys)', (get) => {
    it('card checkout says card payments are not configured and writes nothing', async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      const bun = await addProduct(db, shop.vendorId, { name: 'Bun', priceCents: 200, stock: 5 });
      const before = await writeSnapshot(db);
      const anon = await get().caller();
      const refused = await failure(anon.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId }], { paymentMethod: 'card' })));
      expect(refused.appCode).toBe('FULFILMENT_UNAVAILABLE');
      expect(refused.message).toMatch(/not configured/);
      expect(await writeSnapshot(db)).toEqual(before);
      expect((await failure(anon.payments.cardIntent({ checkoutId: uuidv7(), idempotencyKey: uuidv7() }))).appCode).toBe('FULFILMENT_UNAVAILABLE');
      const placed = await anon.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId }]));
      expect(placed.orders).toHaveLength(1);
    });
  });
});
