import { toWireError } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerShop, makeCounter, readyToSell, type ServerShop, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { createCounterContext } from './context';
import { counterRouter, createCallerFactory } from './index';
import { PROMOS_OFFLINE } from './promos';

/* Back office → Promo codes against the REAL marketplace server (child process): a manager's proof goes with each call. */

let server: ServerProcess;
let shop: ServerShop;
let manager: { id: string; pin: string };
let c: TestCounter;

const caller = () => createCallerFactory(counterRouter)(createCounterContext(c.core, c.sync));

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

async function signIn(who: { id: string; pin: string }): Promise<void> {
  c.core.staff.logout();
  await c.core.staff.login({ staffId: who.id, pin: who.pin });
}

beforeAll(async () => {
  server = await startServerProcess();
  shop = await createServerShop(server.url, 'Promo Bakery');
  const m = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Promo Manager', pin: '2468', email: `m-${shop.vendorId.slice(-8)}@x.example`, password: 'correct horse battery' });
  manager = { id: m.id, pin: '2468' };
  c = makeCounter(server.url, { random: () => 0.25 });
  await c.sync.pair(await shop.pairingCode());
  c.core.setOnline(true);
  await readyToSell(c.core, shop);
});
afterAll(async () => {
  await c?.cleanup();
  await server?.destroy();
});

describe('promo codes (back office → Promo codes)', () => {
  it('a manager creates a code, sees it with its uses and deactivates it', async () => {
    await signIn(manager);
    const created = await caller().promos.create({ code: 'till10', description: 'Ten off', discount: { kind: 'percent', bps: 1000 }, perCustomerLimit: 1 });
    expect(created).toMatchObject({ code: 'TILL10', fundedBy: 'shop', vendorId: shop.vendorId, active: true, uses: 0 });
    expect((await caller().promos.list({})).items.map((p) => p.code)).toEqual(['TILL10']);
    expect((await caller().promos.redemptions({ promoId: created.id })).items).toEqual([]);
    expect((await caller().promos.update({ promoId: created.id, active: false })).active).toBe(false);
    const dup = await refusal(caller().promos.create({ code: 'TILL10', discount: { kind: 'percent', bps: 500 } }));
    expect(dup.code).toBe('DUPLICATE');
    expect((await refusal(caller().promos.create({ code: 'x', discount: { kind: 'percent', bps: 500 } }))).code).toBe('BAD_INPUT');
  });

  it('a cashier is refused', async () => {
    await signIn(shop.cashier);
    expect((await refusal(caller().promos.list({}))).code).toBe('FORBIDDEN');
    expect((await refusal(caller().promos.create({ code: 'CASHIER1', discount: { kind: 'percent', bps: 500 } }))).code).toBe('FORBIDDEN');
  });

  it('offline: managing codes needs the connection', async () => {
    await signIn(manager);
    c.core.setOnline(false);
    try {
      expect(await refusal(caller().promos.list({}))).toMatchObject({ code: 'CONFLICT', message: PROMOS_OFFLINE, details: { offline: true } });
    } finally {
      c.core.setOnline(true);
    }
  });
});
