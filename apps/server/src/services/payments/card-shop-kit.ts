import { afterAll, beforeAll } from 'vitest';
import type { FakeStripe } from '../../test/fake-stripe/index';
import type { VendorFixture } from '../../test/fixtures';
import type { TestServer } from '../../test/harness';
import { createOperatorFixture, operatorSessionCookie } from '../operators/test-kit';
import { addProduct, checkoutRequest, createShop, type TestProduct } from '../orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle, startWebhookApp } from './payments-test-kit';

export interface CardShop {
  shop: VendorFixture;
  /** £2.50, 100 in stock */
  bun: TestProduct;
  operatorCookie: string;
}

/**
 * The set-up of the console's money tests (refunds, disputes), inside a describeEachDb suite: a shop taking cards
 * through the fake Stripe (5 % fee), a bun to sell, the Stripe webhook listening, and an operator signed in.
 * Returns `current()` for the set-up and `paidOrder(qty)`: a card order the customer has paid.
 */
export function useCardShop(get: () => TestServer, fake: FakeStripe) {
  let ready: CardShop | undefined;
  let webhook: { close(): Promise<void> } | undefined;
  const browser = fakeStripeSdk(fake);
  beforeAll(async () => {
    const db = get().database.db;
    webhook = await startWebhookApp(get().database, get().env, fake);
    const shop = await createShop(db);
    const bun = await addProduct(db, shop.vendorId, { name: 'Bun', priceCents: 250, stock: 100 });
    await enableCardPayments(db, fake, shop.vendorId, 500);
    ready = { shop, bun, operatorCookie: await operatorSessionCookie(db, (await createOperatorFixture(db)).operator.id) };
  });
  afterAll(async () => {
    await webhook?.close();
  });
  const current = (): CardShop => {
    if (!ready) throw new Error('card shop not ready');
    return ready;
  };
  async function paidOrder(qty: number): Promise<{ orderId: string; intentId: string; checkoutId: string }> {
    const { shop, bun } = current();
    const anon = await get().caller();
    const req = checkoutRequest([[bun, qty]], [{ vendorId: shop.vendorId }], { paymentMethod: 'card' });
    const placed = await anon.orders.checkout(req);
    const intent = await anon.payments.cardIntent({ checkoutId: placed.checkoutId, idempotencyKey: req.idempotencyKey });
    await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
    await settle(get().database, get().env, fake);
    const orderId = placed.orders[0]?.id;
    if (!orderId) throw new Error('no order');
    return { orderId, intentId: intent.paymentIntentId, checkoutId: placed.checkoutId };
  }
  return { current, paidOrder };
}
