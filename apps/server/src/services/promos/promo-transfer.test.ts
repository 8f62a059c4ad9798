import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentTransfers } from '../../db/schema/index';
import { startFakeStripe } from '../../test/fake-stripe/index';
import type { VendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, type TestProduct } from '../orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle, startWebhookApp, stripeTestEnv } from '../payments/payments-test-kit';
import { marketPromo, shopPromo } from './test-kit';
import { transferShare } from './transfer-share';

describe('transferShare', () => {
  it('a marketplace promo comes off the platform fee; a shop promo off the shop', () => {
    // 1000 of goods, £2 off, 5% fee
    expect(transferShare({ totalCents: 800, promoCents: 200, promoFundedBy: 'marketplace' }, 500)).toEqual({ amountCents: 950, feeCents: 50, platformNetCents: -150 });
    expect(transferShare({ totalCents: 800, promoCents: 200, promoFundedBy: 'shop' }, 500)).toEqual({ amountCents: 760, feeCents: 40, platformNetCents: 40 });
    expect(transferShare({ totalCents: 1000, promoCents: 0, promoFundedBy: null }, 500)).toEqual({ amountCents: 950, feeCents: 50, platformNetCents: 50 });
  });
});

const fake = await startFakeStripe();
afterAll(() => fake.close());
const browser = fakeStripeSdk(fake);

describeEachDb(
  'promo codes and the shop’s Stripe transfer',
  (get) => {
    const db = () => get().database.db;
    let shop: VendorFixture;
    let bun: TestProduct;
    let webhook: { close(): Promise<void> };
    const run = () => settle(get().database, get().env, fake);

    beforeAll(async () => {
      webhook = await startWebhookApp(get().database, get().env, fake);
      shop = await createShop(db(), { rates: { standard: 0 } });
      bun = await addProduct(db(), shop.vendorId, { name: 'Bun', priceCents: 250, stock: 100 });
      await enableCardPayments(db(), fake, shop.vendorId, 500);
      await marketPromo(db(), { code: 'CITY2', discount: { kind: 'amount', amountCents: 200 } });
      await marketPromo(db(), { code: 'HALF', discount: { kind: 'percent', bps: 5000 } });
      await shopPromo(db(), shop.vendorId, { code: 'SHOP2', discount: { kind: 'amount', amountCents: 200 } });
    });
    afterAll(() => webhook.close());

    /** 4 buns (1000) paid by card with the code, accepted by the shop, its share transferred */
    async function paidWith(promoCode: string) {
      const anon = await get().caller();
      const req = checkoutRequest([[bun, 4]], [{ vendorId: shop.vendorId }], { paymentMethod: 'card', promoCode });
      const placed = await anon.orders.checkout(req);
      const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
      await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
      await run();
      const orderId = placed.orders[0]?.id ?? '';
      await (await get().caller({ bearer: shop.managerToken })).orders.transition({ orderId, to: 'accepted', prepMinutes: 10 });
      await run();
      const [row] = await db().select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));
      const stripe = [...fake.state.transfers.values()].find((t) => t.transfer_group === placed.checkoutId);
      return { charged: intent.amountCents, row, stripe };
    }

    it('a marketplace code: the customer pays 800, the shop is paid as if 1000 (950), the platform keeps −150', async () => {
      const { charged, row, stripe } = await paidWith('CITY2');
      expect(charged).toBe(800);
      expect(row).toMatchObject({ amountCents: 950, feeCents: 50, status: 'paid' });
      expect(stripe?.amount).toBe(950);
      // more than this order's share of the charge: paid from the platform's balance, not tied to the charge
      expect(stripe?.source_transaction).toBeNull();
    });

    it('a discount bigger than the fee: the shop is still paid in full', async () => {
      const { charged, row } = await paidWith('HALF');
      expect(charged).toBe(500);
      expect(row).toMatchObject({ amountCents: 950, feeCents: 50 });
    });

    it('a shop code is the shop’s own price cut: fee and transfer on what the customer paid', async () => {
      const { charged, row, stripe } = await paidWith('SHOP2');
      expect(charged).toBe(800);
      expect(row).toMatchObject({ amountCents: 760, feeCents: 40 });
      expect(stripe?.source_transaction).not.toBeNull();
    });
  },
  stripeTestEnv(fake),
);
