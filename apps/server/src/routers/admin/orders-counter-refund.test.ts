import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { emailOutbox, orders } from '../../db/schema/index';
import { createOperatorFixture, operatorSessionCookie } from '../../services/operators/test-kit';
import { addProduct, createShop } from '../../services/orders/test-kit';
import { enableCardPayments, fakeStripeSdk, stripeTestEnv } from '../../services/payments/payments-test-kit';
import { envelope, epochOf, pairCounter, saleArgs } from '../../services/sync/sync-test-kit';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { describeEachDb } from '../../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());
const sdk = fakeStripeSdk(fake);

describeEachDb(
  'admin.orders.refund of a counter card sale',
  (get) => {
    it('refunds through Stripe with the shop’s part reversed with it (destination charge); the shop is told', async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      await enableCardPayments(db, fake, shop.vendorId);
      const till = await pairCounter(get(), shop);
      const manager = await get().caller({ bearer: till.token, staffProofs: till.proofs.manager });
      const reader = await manager.payments.terminal.registerReader({ registrationCode: 'simulated-wpe', label: 'Till 1' });
      const jam = await addProduct(db, shop.vendorId, { name: 'Jam', priceCents: 250, stock: 5 });
      const sale = saleArgs(till, [[jam, 2]], { staffId: shop.cashierId });
      const started = await till.caller.payments.terminal.start({ saleId: sale.id, amountCents: 500, readerId: reader.id });
      await sdk.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { card_present: { number: '4242424242424242' }, type: 'card_present' });
      await till.caller.payments.terminal.status({ paymentIntentId: started.paymentIntentId });
      const pushed = await till.bare.sync.push({ epoch: await epochOf(db), mutations: [envelope(1, 'sale.complete', sale)] });
      expect(pushed.results[0]?.status).toBe('applied');

      const ops = await get().caller({ operatorCookie: await operatorSessionCookie(db, (await createOperatorFixture(db)).operator.id) });
      const before = await ops.admin.orders.detail({ orderId: sale.id });
      expect(before).toMatchObject({ refundableCents: 500, refundFromTransfer: true, payment: { kind: 'terminal', status: 'succeeded' } });
      const r = await ops.admin.orders.refund({ orderId: sale.id, idempotencyKey: 'counter-dialog-1', reason: 'Jar arrived cracked', amountCents: 200 });
      expect(r).toMatchObject({ status: 'succeeded', amountCents: 200, created: true });
      const refunds = [...fake.state.refunds.values()].filter((x) => x.payment_intent === started.paymentIntentId);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]?.amount).toBe(200);
      expect(refunds[0]?.transfer_reversal).not.toBeNull(); // reverse_transfer: the shop's part comes back with the refund
      const [o] = await db.select().from(orders).where(eq(orders.id, sale.id));
      expect(o?.paymentStatus).toBe('partially_refunded');
      const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, sale.id));
      expect(mails.map((m) => m.kind)).toContain('shop_refund');
      const after = await ops.admin.orders.detail({ orderId: sale.id });
      expect(after.refundableCents).toBe(300);
      expect(after.timeline.map((e) => e.title)).toContain('Refund £2.00 to the card');
    });
  },
  stripeTestEnv(fake),
);
