import { uuidv7 } from '@makeries/shared';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentRefunds, payments, terminalReaders } from '../db/schema/index';
import { addDevice, addProduct, createShop, failure, proveStaff } from '../services/orders/test-kit';
import { envelope, epochOf, pairCounter, saleArgs } from '../services/sync/sync-test-kit';
import type { VendorFixture } from '../test/fixtures';
import { enableCardPayments, fakeStripeSdk, stripeTestEnv } from '../services/payments/payments-test-kit';
import { startFakeStripe } from '../test/fake-stripe/index';
import type { Caller } from '../test/harness';
import { describeEachDb } from '../test/harness';

const fake = await startFakeStripe();
afterAll(() => fake.close());
const sdk = fakeStripeSdk(fake);

/** The customer taps a card on the (simulated) reader. */
async function tap(readerId: string, card = '4242424242424242'): Promise<void> {
  await sdk.testHelpers.terminal.readers.presentPaymentMethod(readerId, { card_present: { number: card }, type: 'card_present' });
}

describeEachDb(
  'payments.terminal',
  (get) => {
    let counter: Caller;
    /** the same counter with the device token alone, and with only the cashier's proof */
    let bare: Caller;
    let asCashier: Caller;
    let vendorId: string;
    let shopFixture: VendorFixture;
    let accountId: string;
    let readerId: string;

    beforeAll(async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      shopFixture = shop;
      vendorId = shop.vendorId;
      const device = await addDevice(db, vendorId);
      counter = await get().caller({ bearer: device.token, staffProofs: await proveStaff(db, device.deviceId, shop.managerId) });
      bare = await get().caller({ bearer: device.token });
      asCashier = await get().caller({ bearer: device.token, staffProofs: await proveStaff(db, device.deviceId, shop.cashierId) });
    });

    it('offers the card tender only once the shop can take cards', async () => {
      const before = await counter.payments.status();
      expect(before).toEqual({ cardConfigured: true, terminalAvailable: false, publishableKey: 'pk_test_makeries' });
      expect((await failure(counter.payments.terminal.registerReader({ registrationCode: 'simulated-wpe', label: 'Till 1' }))).appCode).toBe(
        'FULFILMENT_UNAVAILABLE',
      );
      accountId = await enableCardPayments(get().database.db, fake, vendorId);
      expect((await counter.payments.status()).terminalAvailable).toBe(true);
      // a storefront visitor learns card checkout exists, nothing about any shop's terminal
      expect(await (await get().caller()).payments.status()).toEqual({ cardConfigured: true, terminalAvailable: false, publishableKey: 'pk_test_makeries' });
    });

    it('registers a reader; a wrong code is refused and stores nothing', async () => {
      // a reader is a manager's business: the device token alone, or a cashier's proof, registers nothing
      for (const who of [bare, asCashier]) {
        const refused = await failure(who.payments.terminal.registerReader({ registrationCode: 'simulated-wpe', label: 'Till 1' }));
        expect(refused.appCode).toBe('FORBIDDEN');
        expect(refused.message).toMatch(/PIN of the owner or a manager/);
      }
      const bad = await failure(counter.payments.terminal.registerReader({ registrationCode: 'invalid-code', label: 'Till 1' }));
      expect(bad.appCode).toBe('BAD_INPUT');
      expect(bad.message).toMatch(/registration code is invalid/);
      const [n] = await get().database.db.select({ n: count() }).from(terminalReaders).where(eq(terminalReaders.vendorId, vendorId));
      expect(n?.n).toBe(0);
      const reader = await counter.payments.terminal.registerReader({ registrationCode: 'simulated-wpe', label: 'Till 1' });
      readerId = reader.id;
      expect(reader).toMatchObject({ label: 'Till 1', status: 'online', deviceType: 'bbpos_wisepos_e' });
      expect(await counter.payments.terminal.readers()).toEqual([reader]);
    });

    it('takes a card payment: waiting until the card is tapped, then succeeded, paid to the shop minus the fee', async () => {
      const saleId = uuidv7();
      const started = await counter.payments.terminal.start({ saleId, amountCents: 1250, readerId });
      expect(started.status).toBe('waiting');
      expect(await counter.payments.terminal.status({ paymentIntentId: started.paymentIntentId })).toEqual({ status: 'waiting' });
      await tap(readerId);
      expect(await counter.payments.terminal.status({ paymentIntentId: started.paymentIntentId })).toEqual({ status: 'succeeded' });
      const pi = fake.state.paymentIntents.get(started.paymentIntentId);
      expect(pi).toMatchObject({ amount: 1250, currency: 'gbp', application_fee_amount: 63, transfer_data: { destination: accountId } });
      expect(pi?.payment_method_types).toEqual(['card_present']);
      // asking again (a lost response, a restarted counter) never charges the sale twice
      const again = await counter.payments.terminal.start({ saleId, amountCents: 1250, readerId });
      expect(again).toEqual({ paymentIntentId: started.paymentIntentId, status: 'succeeded' });
      expect([...fake.state.paymentIntents.values()].filter((p) => p.metadata.saleId === saleId)).toHaveLength(1);
    });

    it('a declined card fails the attempt with a reason; the next attempt is a new payment that can succeed', async () => {
      const saleId = uuidv7();
      const first = await counter.payments.terminal.start({ saleId, amountCents: 800, readerId });
      await tap(readerId, '4000000000000002');
      const failed = await counter.payments.terminal.status({ paymentIntentId: first.paymentIntentId });
      expect(failed.status).toBe('failed');
      expect(failed.message).toMatch(/declined/i);
      expect(fake.state.paymentIntents.get(first.paymentIntentId)?.status).toBe('canceled');
      const second = await counter.payments.terminal.start({ saleId, amountCents: 800, readerId });
      expect(second.paymentIntentId).not.toBe(first.paymentIntentId);
      await tap(readerId);
      expect((await counter.payments.terminal.status({ paymentIntentId: second.paymentIntentId })).status).toBe('succeeded');
      // the failed attempt stays failed
      expect((await counter.payments.terminal.status({ paymentIntentId: first.paymentIntentId })).status).toBe('failed');
    });

    it('cancels a payment waiting on the reader; the card can no longer be charged', async () => {
      const started = await counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 500, readerId });
      expect(await counter.payments.terminal.cancel({ paymentIntentId: started.paymentIntentId })).toEqual({ status: 'canceled' });
      expect(fake.state.paymentIntents.get(started.paymentIntentId)?.status).toBe('canceled');
      expect(fake.state.readers.get(readerId)?.action?.status).toBe('failed');
      expect((await counter.payments.terminal.status({ paymentIntentId: started.paymentIntentId })).status).toBe('canceled');
      // tapping afterwards does nothing
      await expect(tap(readerId)).rejects.toThrow(/no action in progress/);
    });

    it('refunds part of a card payment once per refund id, reversing the shop share; never more than was paid', async () => {
      const started = await counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 2000, readerId });
      await tap(readerId);
      await counter.payments.terminal.status({ paymentIntentId: started.paymentIntentId });
      const refundId = uuidv7();
      const refund = await counter.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 700, refundId });
      expect(refund).toEqual({ refundId, status: 'succeeded', amountCents: 700 });
      expect(await counter.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 700, refundId })).toEqual(refund);
      const stripeRefunds = [...fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId);
      expect(stripeRefunds).toHaveLength(1);
      expect(stripeRefunds[0]?.transfer_reversal).not.toBeNull();
      const tooMuch = await failure(counter.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 1301, refundId: uuidv7() }));
      expect(tooMuch.appCode).toBe('BAD_INPUT');
      const [rows] = await get().database.db.select({ n: count() }).from(paymentRefunds);
      expect(rows?.n).toBe(1);
      const [p] = await get().database.db.select().from(payments).where(eq(payments.stripePaymentIntentId, started.paymentIntentId));
      expect(p?.refundedCents).toBe(700);
    });

    it('a card payment no sale took goes back on any staff member’s proof; never on the device token alone', async () => {
      const started = await counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 600, readerId });
      await tap(readerId);
      await counter.payments.terminal.status({ paymentIntentId: started.paymentIntentId });
      const refundId = uuidv7();
      const refused = await failure(bare.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 600, refundId }));
      expect(refused.appCode).toBe('FORBIDDEN');
      expect([...fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId)).toHaveLength(0);
      expect(await asCashier.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 600, refundId })).toMatchObject({ status: 'succeeded' });
    });

    it('money back on a completed sale needs a manager’s or the owner’s proof; a cashier’s is refused', async () => {
      const db = get().database.db;
      const till = await pairCounter(get(), shopFixture);
      const jam = await addProduct(db, vendorId, { name: 'Jam', priceCents: 250, stock: 5 });
      const sale = saleArgs(till, [[jam, 2]], { staffId: shopFixture.cashierId });
      const started = await till.caller.payments.terminal.start({ saleId: sale.id, amountCents: 500, readerId });
      await tap(readerId);
      await till.caller.payments.terminal.status({ paymentIntentId: started.paymentIntentId });
      const pushed = await till.bare.sync.push({ epoch: await epochOf(db), mutations: [envelope(1, 'sale.complete', sale)] });
      expect(pushed.results[0]?.status).toBe('applied');
      const ask = { paymentIntentId: started.paymentIntentId, amountCents: 200, refundId: uuidv7() };
      const asCashierHere = await get().caller({ bearer: till.token, staffProofs: till.proofs.cashier });
      expect((await failure(asCashierHere.payments.terminal.refund(ask))).appCode).toBe('FORBIDDEN');
      expect([...fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId)).toHaveLength(0);
      const withManager = await get().caller({ bearer: till.token, staffProofs: `${till.proofs.cashier},${till.proofs.manager}` });
      expect(await withManager.payments.terminal.refund(ask)).toMatchObject({ status: 'succeeded', amountCents: 200 });
    });

    it('a refund of a payment that never went through is refused', async () => {
      const started = await counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 300, readerId });
      const r = await failure(counter.payments.terminal.refund({ paymentIntentId: started.paymentIntentId, amountCents: 300, refundId: uuidv7() }));
      expect(r.appCode).toBe('CONFLICT');
      await counter.payments.terminal.cancel({ paymentIntentId: started.paymentIntentId });
    });

    it('Stripe timing out while starting says so; trying again creates one payment for the sale', async () => {
      const saleId = uuidv7();
      fake.faults.timeoutNext(2, 3000); // the SDK's own retry times out too
      const timedOut = await failure(counter.payments.terminal.start({ saleId, amountCents: 950, readerId }));
      expect(timedOut.appCode).toBe('FULFILMENT_UNAVAILABLE');
      expect(timedOut.message).toMatch(/not reachable/);
      const retried = await counter.payments.terminal.start({ saleId, amountCents: 950, readerId });
      expect(retried.status).toBe('waiting');
      expect([...fake.state.paymentIntents.values()].filter((p) => p.metadata.saleId === saleId)).toHaveLength(1);
      await tap(readerId);
      expect((await counter.payments.terminal.status({ paymentIntentId: retried.paymentIntentId })).status).toBe('succeeded');
    });

    it('another shop cannot see or cancel this shop’s payments or use its reader', async () => {
      const db = get().database.db;
      const other = await createShop(db);
      await enableCardPayments(db, fake, other.vendorId);
      const otherCounter = await get().caller({ bearer: (await addDevice(db, other.vendorId)).token });
      const mine = await counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 400, readerId });
      expect((await failure(otherCounter.payments.terminal.status({ paymentIntentId: mine.paymentIntentId }))).appCode).toBe('NOT_FOUND');
      expect((await failure(otherCounter.payments.terminal.cancel({ paymentIntentId: mine.paymentIntentId }))).appCode).toBe('NOT_FOUND');
      expect((await failure(otherCounter.payments.terminal.start({ saleId: uuidv7(), amountCents: 400, readerId }))).appCode).toBe('NOT_FOUND');
      await counter.payments.terminal.cancel({ paymentIntentId: mine.paymentIntentId });
    });

    it('bad input is refused with a clear code', async () => {
      expect((await failure(counter.payments.terminal.start({ saleId: 'nope', amountCents: 100, readerId }))).appCode).toBe('BAD_INPUT');
      expect((await failure(counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 0, readerId }))).appCode).toBe('BAD_INPUT');
      expect((await failure(counter.payments.terminal.status({ paymentIntentId: 'ch_123' }))).appCode).toBe('BAD_INPUT');
      const staffOnly = await failure((await get().caller()).payments.terminal.readers());
      expect(staffOnly.appCode).toBe('UNAUTHENTICATED');
    });
  },
  stripeTestEnv(fake),
);

describe('without Stripe keys', () => {
  describeEachDb('payments (no keys)', (get) => {
    it('everything is cash / pay at pickup and says card payments are not configured', async () => {
      const db = get().database.db;
      const shop = await createShop(db);
      const counter = await get().caller({ bearer: (await addDevice(db, shop.vendorId)).token });
      expect(await counter.payments.status()).toEqual({ cardConfigured: false, terminalAvailable: false, publishableKey: null });
      const start = await failure(counter.payments.terminal.start({ saleId: uuidv7(), amountCents: 100, readerId: 'tmr_x' }));
      expect(start.appCode).toBe('FULFILMENT_UNAVAILABLE');
      expect(start.message).toMatch(/not configured/);
      expect(await counter.payments.terminal.readers()).toEqual([]);
    });
  });
});
