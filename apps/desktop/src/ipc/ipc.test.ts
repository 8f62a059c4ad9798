import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCounterContext, counterRouter, type CounterRouter, type OpenCounterContext } from '../core/router/index';
import { createTestSync, dbState, errorData, expectRefused, GOOD_PAIRING_CODE } from '../core/router/test-kit';
import { makeCore, signIn, type Shop, type TestCore } from '../core/test/fixtures';
import type { CartView } from '../core/index';
import { serveIpcPort, type IpcHandler } from './handler';
import { ipcLink } from './link';
import { createDeferredPort, fromEventTargetPort, type EventTargetPort } from './port';
import { LOST_MESSAGE } from './protocol';
import { createPortTransport } from './transport';

/** node:worker_threads' MessagePort is an EventTarget at runtime like the DOM port the preload holds. */
const asPort = (p: MessagePort) => fromEventTargetPort(p as unknown as EventTargetPort);

interface Rig {
  t: TestCore;
  shop: Shop;
  ctx: OpenCounterContext;
  server: IpcHandler & { close(): void };
  client: ReturnType<typeof createTRPCClient<CounterRouter>>;
  raw: MessagePort;
}

/** A real counter core (temp SQLite, fixture bakery, cashier signed in) served over a real MessageChannel. */
async function rig(): Promise<Rig> {
  const t = makeCore();
  const sync = createTestSync(t.core);
  await sync.pair(GOOD_PAIRING_CODE);
  const shop = sync.shop as Shop;
  await signIn(t.core, shop, 'cashier');
  const ctx = createCounterContext(t.core, sync);
  const { port1, port2 } = new MessageChannel();
  const server = serveIpcPort(asPort(port1), { router: counterRouter, createContext: () => ctx });
  const client = createTRPCClient<CounterRouter>({ links: [ipcLink({ transport: createPortTransport(asPort(port2)) })] });
  return { t, shop, ctx, server, client, raw: port2 };
}

describe('tRPC over a MessagePort (ipcLink + serveIpcPort) against a real counter core', () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(() => {
    r.server.close();
    r.ctx.close();
    r.t.cleanup();
  });

  it('answers queries and mutations with the core’s data', async () => {
    const status = await r.client.device.status.query();
    expect(status).toMatchObject({ paired: true, registerCode: 'A1', shop: { name: 'Crumb Bakery', currency: 'GBP' } });
    expect(await r.client.sales.inProgress.query()).toEqual({ inProgress: false });

    // junk on the port (a compromised page) is ignored, not fatal
    r.raw.postMessage({ t: 'call', id: 'x', op: null });
    r.raw.postMessage('hello');

    const { cart } = await r.client.cart.addByScan.mutate({ code: r.shop.barcodes.loaf });
    expect(cart.lines.map((l) => [l.name, l.quantity])).toEqual([['Sourdough Loaf', 1]]);
    expect(cart.totals.totalCents).toBe(450);
    expect(await r.client.sales.inProgress.query()).toEqual({ inProgress: true });
  });

  it('refuses bad input with the server’s error shape (appCode, issues) and writes nothing', async () => {
    const empty = await expectRefused(r.t.core, () => r.client.cart.addByScan.mutate({ code: '   ' }), 'BAD_INPUT');
    expect(empty).toBeInstanceOf(TRPCClientError);
    expect(errorData(empty)).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, appCode: 'BAD_INPUT' });
    expect(errorData(empty).issues).toEqual([expect.objectContaining({ path: 'code', message: 'Scan or type a barcode' })]);

    // an AppError thrown by the core keeps its sentence for staff
    const { lineId } = await r.client.cart.addByScan.mutate({ code: r.shop.barcodes.loaf });
    const byWeight = await expectRefused(r.t.core, () => r.client.cart.setWeight.mutate({ lineId, grams: 500 }), 'BAD_INPUT');
    expect(byWeight.message).toBe('Sourdough Loaf is sold by the item; change its quantity instead.');

    const unknown = await r.client.cart.addByScan.mutate({ code: '0000000000000' }).catch((e: unknown) => e);
    expect(errorData(unknown).appCode).toMatch(/NOT_FOUND|INVALID_BARCODE/);
  });

  it('streams a subscription (it yields twice) and stops it in the core when the client unsubscribes', async () => {
    const seen: (CartView | null)[] = [];
    let started = 0;
    const sub = r.client.cart.onChange.subscribe(undefined, {
      onStarted: () => started++,
      onData: (cart) => seen.push(cart),
      onError: (e) => {
        throw e;
      },
    });
    await vi.waitFor(() => expect(seen).toEqual([null]));
    expect(started).toBe(1);
    expect(r.server.activeSubscriptions()).toBe(1);

    await r.client.cart.addByScan.mutate({ code: r.shop.barcodes.croissant });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]?.lines.map((l) => l.name)).toEqual(['Butter Croissant']);

    sub.unsubscribe();
    await vi.waitFor(() => expect(r.server.activeSubscriptions()).toBe(0));
    // the core's event stream let go of its listener too
    await r.client.cart.addByScan.mutate({ code: r.shop.barcodes.croissant });
    expect(await r.client.sales.inProgress.query()).toEqual({ inProgress: true });
    expect(seen).toHaveLength(2);
  });

  it('sends a subscription’s error with its appCode (nobody signed in)', async () => {
    await r.client.staff.logout.mutate();
    const error = await new Promise<unknown>((resolve) => {
      r.client.cart.onChange.subscribe(undefined, { onData: () => resolve(new Error('expected an error')), onError: resolve });
    });
    expect(errorData(error)).toMatchObject({ appCode: 'UNAUTHENTICATED' });
    expect((error as Error).message).toBe('Sign in with your PIN first.');
    await vi.waitFor(() => expect(r.server.activeSubscriptions()).toBe(0));
  });

  it('fails calls and open subscriptions clearly when the core’s port closes, instead of hanging', async () => {
    const before = dbState(r.t.core);
    const subError = new Promise<unknown>((resolve) => {
      r.client.sync.onStatus.subscribe(undefined, { onError: resolve });
    });
    await vi.waitFor(() => expect(r.server.activeSubscriptions()).toBe(1));

    r.server.close();
    const lost = await subError;
    expect(lost).toBeInstanceOf(TRPCClientError);
    expect((lost as TRPCClientError<CounterRouter>).message).toBe(LOST_MESSAGE);
    expect((lost as TRPCClientError<CounterRouter>).data).toBeUndefined();

    const call = await r.client.cart.addByScan.mutate({ code: r.shop.barcodes.loaf }).catch((e: unknown) => e);
    expect(call).toBeInstanceOf(TRPCClientError);
    expect((call as Error).message).toBe(LOST_MESSAGE);
    expect(dbState(r.t.core)).toEqual(before);
    expect(r.server.activeSubscriptions()).toBe(0);
  });
});

describe('the preload’s deferred port', () => {
  it('holds calls made before main hands over the port, then sends them in order', async () => {
    const t = makeCore();
    const sync = createTestSync(t.core);
    await sync.pair(GOOD_PAIRING_CODE);
    const ctx = createCounterContext(t.core, sync);
    const deferred = createDeferredPort();
    const client = createTRPCClient<CounterRouter>({ links: [ipcLink({ transport: createPortTransport(deferred) })] });
    try {
      const early = Promise.all([client.device.status.query(), client.sales.inProgress.query()]);
      const { port1, port2 } = new MessageChannel();
      const server = serveIpcPort(asPort(port1), { router: counterRouter, createContext: () => ctx });
      deferred.attach(asPort(port2));
      const [status, sale] = await early;
      expect(status.registerCode).toBe('A1');
      expect(sale).toEqual({ inProgress: false });
      server.close();
    } finally {
      ctx.close();
      t.cleanup();
    }
  });
});
