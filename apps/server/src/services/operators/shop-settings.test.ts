import { count, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { operatorAudit, vendors } from '../../db/schema/index';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { createVendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, failure } from '../orders/test-kit';
import { enableCardPayments, stripeTestEnv } from '../payments/payments-test-kit';
import { vendorPayments } from '../payments/vendor-account';
import { operatorCaller } from './shop-admin-test-kit';

const fake = await startFakeStripe();
afterAll(() => fake.close());

describeEachDb(
  'admin.shops: fee, permissions and payout holds',
  (get) => {
    const db = () => get().database.db;
    const ops = () => operatorCaller(get().database, get().env);
    const auditCount = async (vendorId: string) =>
      (await db().select({ n: count() }).from(operatorAudit).where(eq(operatorAudit.targetId, vendorId)))[0]?.n ?? 0;
    const row = async (vendorId: string) => (await db().select().from(vendors).where(eq(vendors.id, vendorId)))[0];

    it('sets the shop’s own fee, which card payments then use, and back to the market default', async () => {
      const shop = await createVendorFixture(db());
      const { caller } = await ops();
      expect((await vendorPayments(db(), get().env, shop.vendorId)).feeBps).toBe(500);
      await caller.admin.shops.setFee({ vendorId: shop.vendorId, feeBps: 250, reason: 'Launch offer for market stalls' });
      expect((await vendorPayments(db(), get().env, shop.vendorId)).feeBps).toBe(250);
      expect((await caller.admin.shops.detail({ vendorId: shop.vendorId })).effectiveFeeBps).toBe(250);
      // the same fee again is nothing to change; a fee over 100% is bad input; neither writes
      expect((await failure(caller.admin.shops.setFee({ vendorId: shop.vendorId, feeBps: 250, reason: 'again' }))).appCode).toBe('CONFLICT');
      expect((await failure(caller.admin.shops.setFee({ vendorId: shop.vendorId, feeBps: 10_001, reason: 'too much' }))).appCode).toBe('BAD_INPUT');
      expect(await auditCount(shop.vendorId)).toBe(1);
      await caller.admin.shops.setFee({ vendorId: shop.vendorId, feeBps: null, reason: 'Offer ended' });
      expect((await vendorPayments(db(), get().env, shop.vendorId)).feeBps).toBe(500);
      expect((await row(shop.vendorId))?.platformFeeBps).toBeNull();
    });

    it('a delivery permission taken away turns delivery off, the shop cannot turn it back on, checkout does not offer it', async () => {
      const zones = [{ name: 'Nearby', radiusMeters: 5000, feeCents: 300, minOrderCents: 0 }];
      const shop = await createVendorFixture(db(), { deliveryEnabled: true, deliveryZones: zones });
      const bun = await addProduct(db(), shop.vendorId, { name: 'Delivered Bun', priceCents: 300, stock: 10 });
      const { caller } = await ops();
      const res = await caller.admin.shops.setPermissions({ vendorId: shop.vendorId, pickupAllowed: true, deliveryAllowed: false, reason: 'Late deliveries reported' });
      expect(res).toMatchObject({ deliveryAllowed: false, deliveryEnabled: false, pickupAllowed: true, pickupEnabled: true });

      const manager = await get().caller({ bearer: shop.managerToken });
      const refused = await failure(manager.vendors.update({ deliveryEnabled: true }));
      expect(refused).toMatchObject({ appCode: 'CONFLICT', message: expect.stringContaining('Makeries has turned off delivery for your shop') });
      expect((await row(shop.vendorId))?.deliveryEnabled).toBe(false);
      expect(await manager.vendors.mine()).toMatchObject({ deliveryAllowed: false, deliveryEnabled: false });

      const anon = await get().caller();
      const address = { line1: '1 High Street', city: 'Bristol', postcode: 'BS1 1AA', lat: 51.4545, lng: -2.5879 };
      const delivery = await failure(anon.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId, type: 'delivery', address }])));
      expect(delivery.appCode).toBe('FULFILMENT_UNAVAILABLE');
      // pickup still works, and the same permissions again change nothing
      expect((await anon.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId }]))).orders).toHaveLength(1);
      expect((await failure(caller.admin.shops.setPermissions({ vendorId: shop.vendorId, pickupAllowed: true, deliveryAllowed: false, reason: 'x' }))).appCode).toBe('CONFLICT');
      // allowed again: the shop may turn it on itself
      await caller.admin.shops.setPermissions({ vendorId: shop.vendorId, pickupAllowed: true, deliveryAllowed: true, reason: 'Resolved' });
      expect((await manager.vendors.update({ deliveryEnabled: true })).deliveryEnabled).toBe(true);
    });

    it('holds payouts on the shop’s Stripe account (manual schedule) and releases them', async () => {
      const shop = await createVendorFixture(db());
      const accountId = await enableCardPayments(db(), fake, shop.vendorId);
      const { caller } = await ops();
      expect(fake.state.accounts.get(accountId)?.settings.payouts.schedule.interval).toBe('daily');

      await caller.admin.shops.holdPayouts({ vendorId: shop.vendorId, reason: 'Dispute rate too high' });
      expect(fake.state.accounts.get(accountId)?.settings.payouts.schedule.interval).toBe('manual');
      expect((await caller.admin.shops.detail({ vendorId: shop.vendorId })).stripe).toEqual({ accountId, chargesEnabled: true, payoutsEnabled: true, payoutHold: true });
      expect((await failure(caller.admin.shops.holdPayouts({ vendorId: shop.vendorId, reason: 'again' }))).appCode).toBe('CONFLICT');

      await caller.admin.shops.releasePayouts({ vendorId: shop.vendorId, reason: 'Disputes settled' });
      expect(fake.state.accounts.get(accountId)?.settings.payouts.schedule.interval).toBe('daily');
      expect((await row(shop.vendorId))?.payoutHold).toBe(false);
      const actions = await db().select({ action: operatorAudit.action }).from(operatorAudit).where(eq(operatorAudit.targetId, shop.vendorId));
      expect(actions.map((a) => a.action)).toEqual(['shop.holdPayouts', 'shop.releasePayouts']);
    });

    it('writes nothing when Stripe fails or the shop has no Stripe account', async () => {
      const shop = await createVendorFixture(db());
      const { caller } = await ops();
      const none = await failure(caller.admin.shops.holdPayouts({ vendorId: shop.vendorId, reason: 'Check' }));
      expect(none).toMatchObject({ appCode: 'CONFLICT', message: expect.stringContaining('has no Stripe account yet') });

      const accountId = await enableCardPayments(db(), fake, shop.vendorId);
      fake.faults.failNext(2); // the SDK retries once
      const down = await failure(caller.admin.shops.holdPayouts({ vendorId: shop.vendorId, reason: 'Check' }));
      expect(down.appCode).toBe('FULFILMENT_UNAVAILABLE');
      fake.faults.reset();
      expect((await row(shop.vendorId))?.payoutHold).toBe(false);
      expect(fake.state.accounts.get(accountId)?.settings.payouts.schedule.interval).toBe('daily');
      expect(await auditCount(shop.vendorId)).toBe(0);
    });
  },
  stripeTestEnv(fake),
);
