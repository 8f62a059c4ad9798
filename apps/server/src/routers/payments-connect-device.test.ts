import { afterAll, expect, it } from 'vitest';
import { addDevice, createShop, failure, proveStaff } from '../services/orders/test-kit';
import { stripeTestEnv } from '../services/payments/payments-test-kit';
import { startFakeStripe } from '../test/fake-stripe/index';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());

/*
 * Stripe onboarding from the counter's back office: the shop's paired counter may start onboarding and read
 * the status (it checks for an owner PIN itself); customers, visitors and non-owner web sessions may not.
 */
describeEachDb(
  'payments.connect from a paired counter',
  (get) => {
    it('a counter gets an onboarding link and sees the account once Stripe enables it', async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      const device = await addDevice(db, shop.vendorId);
      const counter = await get().caller({ bearer: device.token, staffProofs: await proveStaff(db, device.deviceId, shop.ownerId) });
      expect(await counter.payments.connect.status()).toMatchObject({ accountId: null, chargesEnabled: false, payoutsEnabled: false });
      const { url } = await counter.payments.connect.link({ returnUrl: 'https://shop.example/back' });
      expect(url).toMatch(/^https?:\/\//);
      const { accountId } = await counter.payments.connect.status();
      expect(accountId).toMatch(/^acct_/);
      fake.completeOnboarding(accountId ?? '');
      expect(await counter.payments.connect.refresh()).toMatchObject({ accountId, chargesEnabled: true, payoutsEnabled: true });
    });

    it('customers, visitors and a manager web session are refused', async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      const customer = await createCustomerFixture(db);
      const asCustomer = await get().caller({ sessionCookie: customer.cookie });
      expect((await failure(asCustomer.payments.connect.link({}))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure(asCustomer.payments.connect.status())).appCode).toBe('UNAUTHENTICATED');
      const anon = await get().caller();
      expect((await failure(anon.payments.connect.refresh())).appCode).toBe('UNAUTHENTICATED');
      const manager = await get().caller({ bearer: shop.managerToken });
      expect((await failure(manager.payments.connect.link({}))).appCode).toBe('FORBIDDEN');
      const owner = await get().caller({ bearer: shop.ownerToken });
      expect(await owner.payments.connect.status()).toMatchObject({ accountId: null });
    });
  },
  stripeTestEnv(fake),
);
