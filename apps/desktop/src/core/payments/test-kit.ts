import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { AppError } from '@makeries/shared';
// the fake Stripe API the server's own payment tests use; this process runs it, the server child talks to it
import { startFakeStripe, type FakeStripe } from '../../../../server/src/test/fake-stripe/index';
import { createCounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import { createServerShop, makeCounter, readyToSell, type ServerShop, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';

/*
 * Card payments end to end for the counter's tests: a fake Stripe API in this process, the real marketplace
 * server (child process, real `stripe` SDK) pointed at it, a shop that finished Stripe onboarding through the
 * owner's API, and counters paired to it. Not used by the app.
 */

const STRIPE_SECRET = 'sk_test_counter';
export const DECLINED_CARD = '4000000000000002';

export interface CardWorld {
  fake: FakeStripe;
  server: ServerProcess;
  close(): Promise<void>;
}

export async function startCardWorld(): Promise<CardWorld> {
  const fake = await startFakeStripe();
  const server = await startServerProcess({
    STRIPE_SECRET_KEY: STRIPE_SECRET,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_counter',
    STRIPE_WEBHOOK_SECRET: 'whsec_test_counter',
    STRIPE_API_BASE: fake.url,
    // the fake's "time out" fault answers after 3 s; the server gives up before that
    STRIPE_TIMEOUT_MS: '1000',
  });
  return {
    fake,
    server,
    async close() {
      await server.destroy();
      await fake.close();
    },
  };
}

export interface CardShop extends ServerShop {
  manager: { id: string; pin: string };
}

/** A shop whose owner finished Stripe onboarding, with a manager for refunds. */
export async function createCardShop(world: CardWorld, label: string): Promise<CardShop> {
  const shop = await createServerShop(world.server.url, label);
  await shop.owner.payments.connect.link.mutate({});
  const { accountId } = await shop.owner.payments.connect.status.query();
  if (!accountId) throw new Error('onboarding did not create a Stripe account');
  world.fake.completeOnboarding(accountId);
  await shop.owner.payments.connect.refresh.mutate();
  const manager = await shop.owner.staff.create.mutate({ role: 'manager', name: `${label} Manager`, pin: '2468', email: `m-${shop.vendorId.slice(-8)}@x.example`, password: 'correct horse battery' });
  return { ...shop, manager: { id: manager.id, pin: '2468' } };
}

/** A counter paired to the shop, cashier signed in, shift open, online. */
export async function cardCounter(world: CardWorld, shop: CardShop): Promise<TestCounter> {
  const c = makeCounter(world.server.url, { random: () => 0.25 });
  await c.sync.pair(await shop.pairingCode());
  await readyToSell(c.core, shop);
  return c;
}

/** The shop's manager signs in at the counter (registering a reader is theirs: the marketplace wants their staff proof). */
export async function signInManager(c: TestCounter, shop: CardShop): Promise<void> {
  c.core.staff.logout();
  await c.core.staff.login({ staffId: shop.manager.id, pin: shop.manager.pin });
}

/** The counter process dies and starts again on the same data folder (the device token file included). */
export async function reopen(world: CardWorld, c: TestCounter): Promise<TestCounter> {
  await c.sync.stop();
  c.core.close();
  const core = createCounterCore({ dataDir: c.dir });
  const sync = createSyncClient({ core, serverUrl: world.server.url, random: () => 0.25 });
  await sync.syncNow();
  return {
    ...c,
    core,
    sync,
    async cleanup() {
      await sync.stop();
      core.close();
      rmSync(c.dir, { recursive: true, force: true });
    },
  };
}

/** Whatever the reader shows is cancelled (between tests). */
export async function clearReader(world: CardWorld, readerId: string): Promise<void> {
  await fetch(`${world.fake.url}/v1/terminal/readers/${readerId}/cancel_action`, { method: 'POST', headers: { authorization: `Bearer ${STRIPE_SECRET}` } });
}

/** The customer taps a card on the (simulated) reader — Stripe's own test helper endpoint. */
export async function tap(world: CardWorld, readerId: string, card = '4242424242424242'): Promise<void> {
  const res = await fetch(`${world.fake.url}/v1/test_helpers/terminal/readers/${readerId}/present_payment_method`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STRIPE_SECRET}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ type: 'card_present', 'card_present[number]': card }).toString(),
  });
  if (!res.ok) throw new Error(`tap failed: ${res.status} ${await res.text()}`);
}

export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
