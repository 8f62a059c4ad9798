import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardAttempts } from '../db/schema/index';
import type { TestCounter } from '../sync/test-kit';
import { proofsSettled } from '../staff/proofs';
import { counterOrders, eventually, readyToSell } from '../sync/test-kit';
import { appErrorOf, cardCounter, clearReader, createCardShop, DECLINED_CARD, rejection, reopen, signInManager, startCardWorld, tap, type CardShop, type CardWorld } from './test-kit';

/*
 * The card tender at the counter against the REAL marketplace server (child process, real `stripe` SDK) and a
 * fake Stripe API at the network boundary: what a cashier sees and what ends up on the sale and at Stripe.
 */

let world: CardWorld;
let shop: CardShop;
let readerId: string;
const counters: TestCounter[] = [];

beforeAll(async () => {
  world = await startCardWorld();
  shop = await createCardShop(world, 'Card Bakery');
  const setup = await cardCounter(world, shop);
  await signInManager(setup, shop);
  readerId = (await setup.core.payments.registerReader({ registrationCode: 'simulated-wpe', label: 'Front till' })).id;
  await setup.cleanup();
});
afterAll(async () => {
  await world?.close();
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
  // a test that failed half-way must not leave the next one a busy reader
  if (readerId) await clearReader(world, readerId);
});

async function counter(): Promise<TestCounter> {
  const c = await cardCounter(world, shop);
  counters.push(c);
  return c;
}

function cartOf(c: TestCounter, quantity = 2): { cartId: string; totalCents: number } {
  c.core.cart.addVariant({ variantId: shop.loaf.id, quantity });
  const cart = c.core.cart.current();
  if (!cart) throw new Error('no cart');
  return { cartId: cart.id, totalCents: cart.totals.totalCents };
}

function attemptRows(c: TestCounter) {
  return c.core.ctx.db.select().from(cardAttempts).all();
}

function paymentIntentsFor(attemptId: string) {
  return [...world.fake.state.paymentIntents.values()].filter((p) => p.metadata.saleId === attemptId);
}

describe('card (reader) at the counter', () => {
  it('says no reader is registered, then registers one by its code and offers it', async () => {
    const other = await createCardShop(world, 'New Shop');
    const c = await cardCounter(world, other);
    counters.push(c);
    expect(await c.core.payments.availability()).toMatchObject({ available: false, blocked: 'no_reader', reason: expect.stringMatching(/No card reader/) });
    await signInManager(c, other);
    const bad = await rejection(c.core.payments.registerReader({ registrationCode: 'invalid-code', label: 'Back till' }));
    expect(bad.code).toBe('BAD_INPUT');
    const reader = await c.core.payments.registerReader({ registrationCode: 'simulated-wpe', label: 'Back till' });
    expect(await c.core.payments.availability()).toEqual({ available: true, blocked: null, reason: null, readers: [{ id: reader.id, label: 'Back till', status: 'online' }] });
  });

  it('takes the whole sale on the reader: waiting until the card is tapped, then one sale with the PaymentIntent on it', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    expect(started).toMatchObject({ status: 'waiting', amountCents: 900, paymentIntentId: expect.stringMatching(/^pi_/) });
    expect(await c.core.payments.poll({ attemptId: started.id })).toMatchObject({ status: 'waiting' });
    // nothing to complete with while the card is on the reader
    expect(appErrorOf(() => c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 900 }] })).code).toBe('CONFLICT');
    await tap(world, readerId);
    expect(await c.core.payments.poll({ attemptId: started.id })).toMatchObject({ status: 'succeeded' });
    expect(c.core.payments.current()).toMatchObject({ paidCents: 900, active: null });

    const sale = c.core.payments.complete({ cartId, tenders: [] });
    expect(sale.payments).toEqual([expect.objectContaining({ kind: 'stripe_terminal', amountCents: 900, reference: started.paymentIntentId })]);
    expect(attemptRows(c).find((a) => a.id === started.id)).toMatchObject({ status: 'recorded', saleId: sale.id });
    expect(c.core.cart.current()).toBeNull();
    expect(world.fake.state.paymentIntents.get(started.paymentIntentId ?? '')).toMatchObject({ status: 'succeeded', amount: 900 });
    await c.sync.syncNow();
    const orders = await eventually('the sale reaches the server', async () => {
      const all = (await counterOrders(shop)).filter((o) => o.id === sale.id);
      if (all.length !== 1) throw new Error('not yet');
      return all;
    });
    expect(orders[0]).toMatchObject({ totalCents: 900 });
  });

  it('a declined card says so; nothing is recorded and the sale is paid in cash instead', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c, 1);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    await tap(world, readerId, DECLINED_CARD);
    const failed = await c.core.payments.poll({ attemptId: started.id });
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringMatching(/declined/i) });
    expect(c.core.payments.current()).toMatchObject({ paid: [], paidCents: 0, active: null, last: { id: started.id, status: 'failed' } });
    const sale = c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 500 }] });
    expect(sale.payments.map((p) => p.kind)).toEqual(['cash']);
    expect(sale.changeCents).toBe(50);
    expect(world.fake.state.paymentIntents.get(started.paymentIntentId ?? '')?.status).not.toBe('succeeded');
  });

  it('cancelling clears the reader: a late tap charges nothing, and the cart stays open for cash', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c, 1);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    expect(await c.core.payments.cancel({ attemptId: started.id })).toMatchObject({ status: 'canceled' });
    await expect(tap(world, readerId)).rejects.toThrow(/no action in progress/);
    expect(world.fake.state.paymentIntents.get(started.paymentIntentId ?? '')?.status).toBe('canceled');
    expect(c.core.cart.current()?.id).toBe(cartId);
    expect(c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 450 }] }).payments.map((p) => p.kind)).toEqual(['cash']);
  });

  it('split tender: part on the reader, the rest in cash with change; a card for more than is left is refused', async () => {
    const c = await counter();
    const { cartId } = cartOf(c); // £9.00
    const tooMuch = await rejection(c.core.payments.start({ cartId, readerId, amountCents: 901 }));
    expect(tooMuch).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/£9\.00 left/) });
    expect(attemptRows(c)).toHaveLength(0);
    const card = await c.core.payments.start({ cartId, readerId, amountCents: 400 });
    await tap(world, readerId);
    await c.core.payments.poll({ attemptId: card.id });
    const sale = c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 1000 }] });
    expect(sale.payments.map((p) => [p.kind, p.amountCents])).toEqual([
      ['stripe_terminal', 400],
      ['cash', 500],
    ]);
    expect(sale.changeCents).toBe(500);
  });

  it('a sale with a card payment taken cannot be voided until the payment is refunded to the card', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c, 1);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    expect(() => c.core.cart.voidCart({ reason: 'customer left' })).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/refund it to the card/) }));
    await tap(world, readerId);
    await c.core.payments.poll({ attemptId: started.id });
    expect(() => c.core.cart.voidCart({ reason: 'customer left' })).toThrow(/refund it to the card/);
    expect(c.core.cart.current()?.id).toBe(cartId);

    const released = await c.core.payments.release({ attemptId: started.id });
    expect(released).toMatchObject({ status: 'canceled', message: 'Refunded to the card.' });
    // pressing again after no answer would not refund twice: the attempt is no longer a taken payment
    expect((await rejection(c.core.payments.release({ attemptId: started.id }))).code).toBe('CONFLICT');
    expect([...world.fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId).map((r) => r.amount)).toEqual([totalCents]);
    c.core.cart.voidCart({ reason: 'customer left' });
    expect(c.core.cart.current()).toBeNull();
  });

  it('when Stripe times out the card says so and nothing is taken twice: "check again" finds the same payment', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c, 1);
    // the server's Stripe SDK retries once: both tries of creating the payment time out
    world.fake.faults.timeoutNext(2);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    expect(started).toMatchObject({ status: 'starting', message: expect.stringMatching(/did not answer/) });
    // cash cannot be taken while the card might still be on the reader
    expect(appErrorOf(() => c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 450 }] })).code).toBe('CONFLICT');
    const again = await c.core.payments.poll({ attemptId: started.id });
    expect(again.status).toBe('waiting');
    await tap(world, readerId);
    expect(await c.core.payments.poll({ attemptId: started.id })).toMatchObject({ status: 'succeeded' });
    expect(paymentIntentsFor(started.id).filter((p) => p.status === 'succeeded')).toHaveLength(1);
    expect(c.core.payments.complete({ cartId, tenders: [] }).payments).toEqual([expect.objectContaining({ kind: 'stripe_terminal', amountCents: 450 })]);
  });

  it('a restart mid-payment shows the payment on the cart again and follows it to the sale', async () => {
    const first = await counter();
    const { cartId, totalCents } = cartOf(first);
    const started = await first.core.payments.start({ cartId, readerId, amountCents: totalCents });
    counters.pop();
    const c = await reopen(world, first);
    counters.push(c);
    await c.core.staff.login({ staffId: shop.cashier.id, pin: shop.cashier.pin });
    expect(c.core.payments.current()).toMatchObject({ cartId, active: { id: started.id, status: 'waiting' }, paidCents: 0 });
    await tap(world, readerId);
    expect(await c.core.payments.poll({ attemptId: started.id })).toMatchObject({ status: 'succeeded' });

    // and again after the card was taken but before the sale was recorded: the money is on the cart, once
    const d = await reopen(world, c);
    counters.splice(counters.indexOf(c), 1, d);
    await d.core.staff.login({ staffId: shop.cashier.id, pin: shop.cashier.pin });
    expect(d.core.payments.current()).toMatchObject({ cartId, paidCents: totalCents, active: null });
    const sale = d.core.payments.complete({ cartId, tenders: [] });
    expect(sale.payments).toEqual([expect.objectContaining({ kind: 'stripe_terminal', reference: started.paymentIntentId })]);
    expect(d.core.payments.current()).toBeNull();
  });

  it('refunds a card sale back to the card, once even when asked again after Stripe did not answer', async () => {
    const c = await counter();
    const { cartId, totalCents } = cartOf(c, 2);
    const started = await c.core.payments.start({ cartId, readerId, amountCents: totalCents });
    await tap(world, readerId);
    await c.core.payments.poll({ attemptId: started.id });
    const sale = c.core.payments.complete({ cartId, tenders: [] });
    const approval = { staffId: shop.manager.id, pin: shop.manager.pin };
    const oneLoaf = { saleId: sale.id, lines: [{ saleLineId: sale.lines[0]?.id ?? '', quantity: 1 }], restock: true, approval };
    const toCard = () => [...world.fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId).map((r) => r.amount);

    world.fake.faults.timeoutNext(2);
    const noAnswer = await rejection(c.core.refunds.refund(oneLoaf));
    expect(noAnswer).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/may not have gone through.*Try again/) });
    expect(c.core.refunds.forSale(sale.id)).toHaveLength(0);
    const first = await c.core.refunds.refund(oneLoaf);
    expect(first).toMatchObject({ tender: 'stripe_terminal', totalCents: 450 });
    expect(toCard()).toEqual([450]);

    expect(await c.core.refunds.refund({ saleId: sale.id, restock: true, approval })).toMatchObject({ tender: 'stripe_terminal', totalCents: 450 });
    expect(toCard()).toEqual([450, 450]);
    expect((await rejection(c.core.refunds.refund({ saleId: sale.id, restock: true, approval }))).message).toMatch(/already been refunded/);
  });

  it('offline: the card is refused in plain words (nothing written), cash still sells, card refunds are refused', async () => {
    const c = await counter();
    // a card sale made while online, to refund later
    const paid = cartOf(c, 1);
    const a = await c.core.payments.start({ cartId: paid.cartId, readerId, amountCents: paid.totalCents });
    await tap(world, readerId);
    await c.core.payments.poll({ attemptId: a.id });
    const cardSale = c.core.payments.complete({ cartId: paid.cartId, tenders: [] });
    // the manager unlocked this counter online earlier: the marketplace's proof of their PIN lets refunds they
    // approve offline count when they arrive
    await signInManager(c, shop);
    await proofsSettled(c.core.ctx, [shop.manager.id]);
    c.core.staff.logout();
    await readyToSell(c.core, shop);

    await world.server.stop();
    try {
      await c.sync.syncNow();
      expect(c.sync.status().online).toBe(false);
      expect(await c.core.payments.availability()).toMatchObject({ available: false, blocked: 'offline', reason: expect.stringMatching(/offline.*cash/i) });
      const { cartId, totalCents } = cartOf(c, 1);
      const refused = await rejection(c.core.payments.start({ cartId, readerId, amountCents: totalCents }));
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/offline/) });
      expect(attemptRows(c).filter((r) => r.cartId === cartId)).toHaveLength(0);
      expect(c.core.payments.complete({ cartId, tenders: [{ kind: 'cash', tenderedCents: 450 }] }).payments.map((p) => p.kind)).toEqual(['cash']);

      const approval = { staffId: shop.manager.id, pin: shop.manager.pin };
      const toCard = await rejection(c.core.refunds.refund({ saleId: cardSale.id, restock: false, approval }));
      expect(toCard).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Refund in cash/) });
      expect(c.core.refunds.forSale(cardSale.id)).toHaveLength(0);
      expect(await c.core.refunds.refund({ saleId: cardSale.id, restock: false, tender: 'cash', approval })).toMatchObject({ tender: 'cash', totalCents: 450 });
    } finally {
      await world.server.restart();
    }
  });
});
