import { toWireError } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerShop, makeCounter, type ServerShop, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { BRIDGES_OFFLINE, BRIDGES_UNPAIRED } from './bridges';
import { createCounterContext } from './context';
import { counterRouter, createCallerFactory } from './index';
import { startKit } from './test-kit';

/*
 * Back office → Point of sale against the REAL marketplace server (child process with Square configured): the
 * counter passes the signed-in owner's or manager's proof and the marketplace's own answers; it refuses owner-only
 * work for a manager before asking the marketplace, cashiers entirely, bad input with BAD_INPUT, and says
 * "needs the connection" offline.
 */

let server: ServerProcess;
let shop: ServerShop;
let owner: { id: string; pin: string };
let manager: { id: string; pin: string };
let c: TestCounter;

const caller = () => createCallerFactory(counterRouter)(createCounterContext(c.core, c.sync));

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

async function as(who: { id: string; pin: string }): Promise<void> {
  c.core.staff.logout();
  await c.core.staff.login({ staffId: who.id, pin: who.pin });
}

beforeAll(async () => {
  server = await startServerProcess({ SQUARE_APPLICATION_ID: 'sandbox-sq0idb-counter-test', SQUARE_APPLICATION_SECRET: 'sandbox-sq0csb-counter-test' });
  shop = await createServerShop(server.url, 'Square Bakery');
  const o = (await shop.owner.staff.list.query()).find((m) => m.role === 'owner');
  if (!o) throw new Error('no owner');
  await shop.owner.staff.update.mutate({ staffId: o.id, pin: '1357' });
  owner = { id: o.id, pin: '1357' };
  const m = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Square Manager', pin: '2468', email: `m-${shop.vendorId.slice(-8)}@x.example`, password: 'correct horse battery' });
  manager = { id: m.id, pin: '2468' };
  c = makeCounter(server.url, { random: () => 0.25 });
  await c.sync.pair(await shop.pairingCode());
  c.core.setOnline(true);
});
afterAll(async () => {
  await c?.cleanup();
  await server?.destroy();
});

describe('bridges (back office → Point of sale)', () => {
  it('the owner sees the link not connected yet, may manage it, and gets Square’s authorize page', async () => {
    await as(owner);
    expect(await caller().bridges.status()).toMatchObject({ provider: 'square', state: 'not_connected', canManage: true, location: null, progress: null });
    const { url } = await caller().bridges.connectUrl({ provider: 'square' });
    expect(url).toMatch(/^https:\/\/.*\/oauth2\/authorize\?/);
    expect(new URL(url).searchParams.get('client_id')).toBe('sandbox-sq0idb-counter-test');
    expect(await caller().bridges.preview()).toBeNull();
    expect(await caller().bridges.log({ limit: 10 })).toMatchObject({ items: expect.any(Array) });
    expect(await caller().bridges.failedJobs({ limit: 10 })).toEqual({ items: [], nextCursor: null });
  });

  it('the owner’s Toast list, Toast claim and Shopify store address reach the marketplace, whose answers keep their words', async () => {
    await as(owner);
    const offered = (await caller().bridges.status()).providers;
    expect(offered.find((p) => p.provider === 'square')).toEqual({ provider: 'square', name: 'Square', configured: true, connectKind: 'oauth' });
    // Square connects through its own page: the marketplace says so for a list or a claim
    expect(await refusal(caller().bridges.partnerAccounts({ provider: 'square' }))).toMatchObject({ code: 'BAD_INPUT', message: 'Square connects through its own sign-in page, not from a list.' });
    expect(await refusal(caller().bridges.claimAccount({ provider: 'square', accountId: 'R-1' }))).toMatchObject({ code: 'BAD_INPUT', message: 'Square connects through its own sign-in page, not from a list.' });
    // Shopify is not set up on this marketplace: the store address went along (the marketplace does not ask for it)
    const shopify = await refusal(caller().bridges.connectUrl({ provider: 'shopify', shopDomain: 'harbour-bakery' }));
    expect(shopify.message).toMatch(/Shopify/);
    expect(shopify.message).not.toMatch(/store address/);
    expect(await caller().bridges.status()).toMatchObject({ state: 'not_connected' });
  });

  it('a manager sees the same link and the log, but every owner-only step is refused on the counter', async () => {
    await as(manager);
    expect(await caller().bridges.status()).toMatchObject({ state: 'not_connected', canManage: false });
    expect(await caller().bridges.attention({ limit: 5 })).toMatchObject({ items: [] });
    expect(await caller().bridges.failedJobs({})).toEqual({ items: [], nextCursor: null });
    // what managers may do reaches the marketplace, and its answers keep their words
    expect(await refusal(caller().bridges.syncNow())).toMatchObject({ code: 'CONFLICT', message: 'This shop is not connected to a point of sale. Connect it first.' });
    expect((await refusal(caller().bridges.retryJob({ jobId: '0193a3b2-7c1e-7d3a-9f00-000000000001' }))).code).toBe('NOT_FOUND');
    // refused here, before the marketplace is asked: the same answer with the counter offline
    c.core.setOnline(false);
    try {
      const refusals = [
        [() => caller().bridges.connectUrl({ provider: 'square' }), /^Only the shop owner can connect the point of sale\./],
        [() => caller().bridges.connectUrl({ provider: 'shopify', shopDomain: 'harbour-bakery.myshopify.com' }), /^Only the shop owner can connect the point of sale\./],
        [() => caller().bridges.partnerAccounts({ provider: 'toast' }), /^Only the shop owner can connect the point of sale\./],
        [() => caller().bridges.claimAccount({ provider: 'toast', accountId: 'R-1' }), /^Only the shop owner can connect the point of sale\./],
        [() => caller().bridges.locations(), /^Only the shop owner can choose the point of sale location\./],
        [() => caller().bridges.chooseLocation({ locationId: 'L1' }), /^Only the shop owner can choose/],
        [() => caller().bridges.startImport(), /^Only the shop owner can import the catalog\./],
        [() => caller().bridges.applyImport({ match: 'sku' }), /^Only the shop owner can import the catalog\./],
        [() => caller().bridges.setOptions({ webOrdersInPos: true }), /^Only the shop owner can change/],
        [() => caller().bridges.pause(), /^Only the shop owner can pause/],
        [() => caller().bridges.resume(), /^Only the shop owner can resume/],
        [() => caller().bridges.disconnect(), /^Only the shop owner can disconnect/],
      ] as const;
      for (const [p, message] of refusals) {
        const e = await refusal(p());
        expect(e.code).toBe('FORBIDDEN');
        expect(e.message).toMatch(message);
      }
    } finally {
      c.core.setOnline(true);
    }
  });

  it('a cashier is refused everything', async () => {
    c.core.staff.logout();
    await c.core.staff.login({ staffId: shop.cashier.id, pin: shop.cashier.pin });
    const all = [
      () => caller().bridges.status(),
      () => caller().bridges.log({}),
      () => caller().bridges.syncNow(),
      () => caller().bridges.connectUrl({ provider: 'square' }),
      () => caller().bridges.partnerAccounts({ provider: 'toast' }),
      () => caller().bridges.claimAccount({ provider: 'toast', accountId: 'R-1' }),
    ];
    for (const p of all) {
      expect((await refusal(p())).code).toBe('FORBIDDEN');
    }
  });

  it('bad input is BAD_INPUT with a human message, and the link stays as it was', async () => {
    await as(owner);
    const before = await caller().bridges.status();
    const bad = [
      () => caller().bridges.chooseLocation({ locationId: '' }),
      () => caller().bridges.applyImport({ match: 'name' as never }),
      () => caller().bridges.connectUrl({ provider: 'clover' as never }),
      () => caller().bridges.partnerAccounts({ provider: 'clover' as never }),
      () => caller().bridges.claimAccount({ provider: 'toast', accountId: '' }),
      () => caller().bridges.setOptions({ webOrdersInPos: 'yes' as never }),
      () => caller().bridges.log({ limit: 0 }),
      () => caller().bridges.attention({ limit: 1000 }),
      () => caller().bridges.retryJob({ jobId: 'job-1' }),
    ];
    for (const p of bad) {
      const e = await refusal(p());
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message.length).toBeGreaterThan(5);
    }
    // a store address that is not Shopify's: the shared rule's words, before the marketplace is asked
    for (const shopDomain of ['https://harbour.example.com', 'my shop!']) {
      expect(await refusal(caller().bridges.connectUrl({ provider: 'shopify', shopDomain }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/store address Shopify gave you/) as unknown });
    }
    expect(await caller().bridges.status()).toEqual(before);
  });

  it('offline: the link needs the connection', async () => {
    await as(manager);
    c.core.setOnline(false);
    try {
      for (const p of [() => caller().bridges.status(), () => caller().bridges.log({}), () => caller().bridges.syncNow()]) {
        expect(await refusal(p())).toMatchObject({ code: 'CONFLICT', message: BRIDGES_OFFLINE, details: { offline: true } });
      }
    } finally {
      c.core.setOnline(true);
    }
  });

  it('a counter that is not paired says to pair it first', async () => {
    const kit = await startKit({ signedIn: 'manager' });
    try {
      const call = createCallerFactory(counterRouter)(createCounterContext(kit.core, kit.sync));
      expect(await refusal(call.bridges.status())).toMatchObject({ code: 'CONFLICT', message: BRIDGES_UNPAIRED, details: { unpaired: true } });
    } finally {
      await kit.close();
    }
  });
});
