import { toWireError } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardCounter, clearReader, createCardShop, signInManager, startCardWorld, tap, type CardShop, type CardWorld } from '../payments/test-kit';
import { createServerShop, eventually, makeCounter, readyToSell, type TestCounter } from '../sync/test-kit';
import { createCounterContext } from './context';
import { counterRouter, createCallerFactory } from './index';
import { PAYOUTS_OFFLINE } from './payouts';

/*
 * Back office → Payments against the REAL marketplace server (child process, real `stripe` SDK, fake Stripe API):
 * a card sale taken on the reader shows in today's figures; cashiers are refused; offline says it needs the connection.
 */

let world: CardWorld;
let shop: CardShop;
let c: TestCounter;
let readerId: string;

const caller = () => createCallerFactory(counterRouter)(createCounterContext(c.core, c.sync));

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The error staff would see: the same wire shape (appCode, message, details) the renderer receives. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> | undefined }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  const t = e as TRPCError;
  const wire = toWireError(t.code, t.message, t.cause, 'failed');
  return { code: wire.appCode, message: wire.message, details: wire.details };
}

async function asManager(): Promise<void> {
  c.core.staff.logout();
  await c.core.staff.login({ staffId: shop.manager.id, pin: shop.manager.pin });
}

beforeAll(async () => {
  world = await startCardWorld();
  shop = await createCardShop(world, 'Payout Bakery');
  c = await cardCounter(world, shop);
  c.core.setOnline(true);
  await signInManager(c, shop);
  readerId = (await c.core.payments.registerReader({ registrationCode: 'simulated-wpe', label: 'Front till' })).id;
  c.core.staff.logout();
  await readyToSell(c.core, shop);
});
afterAll(async () => {
  if (readerId) await clearReader(world, readerId);
  await c?.cleanup();
  await world?.close();
});

describe('payouts (back office → Payments)', () => {
  it('a card sale taken on the reader shows in the day’s charges, fees, transfers and net', async () => {
    c.core.cart.addVariant({ variantId: shop.loaf.id, quantity: 2 });
    const cart = c.core.cart.current();
    if (!cart) throw new Error('no cart');
    const started = await c.core.payments.start({ cartId: cart.id, readerId, amountCents: cart.totals.totalCents });
    await tap(world, readerId);
    expect(await c.core.payments.poll({ attemptId: started.id })).toMatchObject({ status: 'succeeded' });
    c.core.payments.complete({ cartId: cart.id, tenders: [] });

    await asManager();
    const today = londonToday();
    const result = await eventually('the card sale in today’s payouts', async () => {
      const r = await caller().payouts.summary({ from: today, to: today });
      return r.days.some((d) => d.chargesCents > 0) ? r : null;
    });
    if (!result) throw new Error('no payouts');
    const day = result.days.find((d) => d.date === today);
    expect(result.currency).toBe('GBP');
    expect(day).toMatchObject({ chargesCents: cart.totals.totalCents, refundsCents: 0 });
    expect(day?.netCents).toBe((day?.chargesCents ?? 0) - (day?.feesCents ?? 0));
    expect(day?.transfersCents).toBe((day?.chargesCents ?? 0) - (day?.feesCents ?? 0));

    expect(await caller().payouts.connectStatus()).toEqual({ setup: 'enabled', chargesEnabled: true, payoutsEnabled: true, canSetUp: false });
  });

  it('the owner of a shop without Stripe sees "not set up" and gets an onboarding link', async () => {
    const plain = await createServerShop(world.server.url, 'Plain Bakery');
    const owner = (await plain.owner.staff.list.query()).find((m) => m.role === 'owner');
    if (!owner) throw new Error('no owner');
    await plain.owner.staff.update.mutate({ staffId: owner.id, pin: '1357' });
    const o = makeCounter(world.server.url, { random: () => 0.25 });
    try {
      await o.sync.pair(await plain.pairingCode());
      o.core.setOnline(true);
      await o.core.staff.login({ staffId: owner.id, pin: '1357' });
      const call = createCallerFactory(counterRouter)(createCounterContext(o.core, o.sync));
      expect(await call.payouts.connectStatus()).toEqual({ setup: 'not_set_up', chargesEnabled: false, payoutsEnabled: false, canSetUp: true });
      expect((await call.payouts.connectLink()).url).toMatch(/^https?:\/\//);
      expect(await call.payouts.connectRefresh()).toMatchObject({ setup: 'pending', canSetUp: true });
    } finally {
      await o.cleanup();
    }
  });

  it('a manager cannot start Stripe onboarding; bad dates are refused', async () => {
    await asManager();
    expect((await refusal(caller().payouts.connectLink())).code).toBe('FORBIDDEN');
    expect((await refusal(caller().payouts.summary({ from: '2026-02-10', to: '2026-02-01' }))).code).toBe('BAD_INPUT');
    expect((await refusal(caller().payouts.summary({ from: 'yesterday', to: '2026-02-01' }))).code).toBe('BAD_INPUT');
  });

  it('a cashier is refused', async () => {
    c.core.staff.logout();
    await c.core.staff.login({ staffId: shop.cashier.id, pin: shop.cashier.pin });
    const today = londonToday();
    expect((await refusal(caller().payouts.summary({ from: today, to: today }))).code).toBe('FORBIDDEN');
    expect((await refusal(caller().payouts.connectStatus())).code).toBe('FORBIDDEN');
  });

  it('offline: the figures need the connection, and the status says offline', async () => {
    await asManager();
    c.core.setOnline(false);
    try {
      const today = londonToday();
      const e = await refusal(caller().payouts.summary({ from: today, to: today }));
      expect(e).toMatchObject({ code: 'CONFLICT', message: PAYOUTS_OFFLINE, details: { offline: true } });
      expect(await caller().payouts.connectStatus()).toMatchObject({ setup: 'offline' });
    } finally {
      c.core.setOnline(true);
    }
  });
});
