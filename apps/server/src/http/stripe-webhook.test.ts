import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jobs, orders, stripeEvents, vendors } from '../db/schema/index';
import { addProduct, checkoutRequest, createShop, failure } from '../services/orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle, startWebhookApp, stripeTestEnv } from '../services/payments/payments-test-kit';
import { startFakeStripe, type FakeEvent } from '../test/fake-stripe/index';
import { describeEachDb } from '../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());
const browser = fakeStripeSdk(fake);

describeEachDb(
  'POST /webhooks/stripe',
  (get) => {
    const db = () => get().database.db;
    let webhook: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      webhook = await startWebhookApp(get().database, get().env, fake);
    });
    afterAll(() => webhook.close());

    async function eventCount(): Promise<number> {
      const [row] = await db().select({ n: count() }).from(stripeEvents);
      return row?.n ?? 0;
    }

    it('refuses a bad or missing signature and stores nothing', async () => {
      const shop = await createShop(db());
      await enableCardPayments(db(), fake, shop.vendorId); // emits account events
      await fake.events.settled();
      const before = await eventCount();
      const event = fake.events.all[fake.events.all.length - 1] as FakeEvent;
      expect((await fake.events.deliver(event, { secret: 'whsec_someone_else' })).status).toBe(400);
      expect((await fake.events.deliver(event, { tamper: true })).status).toBe(400);
      const unsigned = await fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      expect(unsigned.status).toBe(400);
      expect(await eventCount()).toBe(before);
    });

    it('a replayed event is stored and processed once', async () => {
      const before = await eventCount();
      const shop = await createShop(db());
      await enableCardPayments(db(), fake, shop.vendorId);
      await fake.events.settled();
      const last = fake.events.all[fake.events.all.length - 1] as FakeEvent;
      const again = await fake.events.deliver(last);
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toMatchObject({ received: true, duplicate: true });
      expect(await eventCount()).toBe(before + 2); // account created + onboarding finished, each once
      const [jobRows] = await db().select({ n: count() }).from(jobs).where(eq(jobs.key, `stripe-event:${last.id}`));
      expect(jobRows?.n).toBe(1);
    });

    it('events delivered out of order and twice still leave orders paid and the account enabled', async () => {
      fake.events.hold();
      const shop = await createShop(db());
      const bun = await addProduct(db(), shop.vendorId, { name: 'Bun', priceCents: 250, stock: 10 });
      // the shop's account is set up through the owner's API and finishes onboarding (account.updated ×2)
      const owner = await get().caller({ bearer: shop.ownerToken });
      const { url } = await owner.payments.connect.link({ returnUrl: 'http://localhost:3000/back-office' });
      const second = await owner.payments.connect.link({});
      expect(second.url).not.toBe(url); // a fresh, single-use link each time
      const accountId = fake.accountOf(shop.vendorId);
      if (!accountId) throw new Error('no account');
      expect([...fake.state.accounts.values()].filter((x) => x.metadata.vendorId === shop.vendorId)).toHaveLength(1);
      fake.completeOnboarding(accountId);
      // the newer "enabled" snapshot arrives before the older "not enabled" one
      await fake.events.flush((events) => [...events].reverse());
      await settle(get().database, get().env, fake);
      const [v] = await db().select().from(vendors).where(eq(vendors.id, shop.vendorId));
      expect(v).toMatchObject({ stripeAccountId: accountId, stripeChargesEnabled: true, stripePayoutsEnabled: true });
      expect(await owner.payments.connect.status()).toMatchObject({ accountId, chargesEnabled: true, payoutsEnabled: true, platformFeeBps: 500 });

      const anon = await get().caller();
      const req = checkoutRequest([[bun, 2]], [{ vendorId: shop.vendorId }], { paymentMethod: 'card' });
      const placed = await anon.orders.checkout(req);
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await expect(browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_chargeDeclined' })).rejects.toThrow();
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      const held = [...fake.events.pending];
      const succeeded = held.find((e) => e.type === 'payment_intent.succeeded');
      if (!succeeded) throw new Error('no success event');
      // success first, then the earlier failure, then success again
      await fake.events.flush((events) => [succeeded, ...events.filter((e) => e !== succeeded).reverse()]);
      await fake.events.deliver(succeeded);
      await settle(get().database, get().env, fake);
      const [order] = await db().select().from(orders).where(eq(orders.checkoutId, placed.checkoutId));
      expect(order?.paymentStatus).toBe('paid');
      const stored = await db().select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, succeeded.id));
      expect(stored).toHaveLength(1);
      fake.events.autoDeliver = true;
    });

    it('an owner without Stripe set-up cannot refresh; cashiers cannot start onboarding', async () => {
      const shop = await createShop(db());
      const owner = await get().caller({ bearer: shop.ownerToken });
      expect((await failure(owner.payments.connect.refresh())).appCode).toBe('NOT_FOUND');
      const cashier = await get().caller({ bearer: shop.cashierToken });
      expect((await failure(cashier.payments.connect.link({}))).appCode).toBe('FORBIDDEN');
      expect(await owner.payments.connect.status()).toEqual({ accountId: null, chargesEnabled: false, payoutsEnabled: false, platformFeeBps: 500 });
    });
  },
  stripeTestEnv(fake),
);
