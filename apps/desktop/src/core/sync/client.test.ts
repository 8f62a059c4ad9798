import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAppError, uuidv7, type ErrorCode } from '@makeries/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, type CounterCore } from '../index';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { CREDENTIALS_FILE } from './credentials';
import {
  counterOrders,
  createServerShop,
  eventually,
  makeCounter,
  onHandOnServer,
  readyToSell,
  sell,
  serverClient,
  syncUntil,
  urlOf,
  type ServerShop,
  type TestCounter,
} from './test-kit';

let server: ServerProcess;
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
});

function counter(opts: Parameters<typeof makeCounter>[1] = {}): TestCounter {
  const c = makeCounter(server.url, { random: () => 0.25, ...opts });
  counters.push(c);
  return c;
}

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'none'> {
  try {
    await p;
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

function names(core: CounterCore, table: string): string[] {
  return (core.ctx.sqlite.prepare(`SELECT name FROM ${table} ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

function outboxCount(core: CounterCore): number {
  return (core.ctx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

async function pairedCounter(shop: ServerShop, opts: Parameters<typeof makeCounter>[1] = {}): Promise<TestCounter> {
  const c = counter(opts);
  await c.sync.pair(await shop.pairingCode());
  await readyToSell(c.core, shop);
  return c;
}

describe('pairing and bootstrap', () => {
  it("downloads this shop's catalog, stock and staff, and nothing of other shops", async () => {
    const shop = await createServerShop(server.url, 'Crumb');
    const other = await createServerShop(server.url, 'Other');
    const { core, sync, dir } = counter();

    const paired = await sync.pair(await shop.pairingCode());

    expect(paired).toMatchObject({ vendorId: shop.vendorId, vendorName: shop.name, registerCode: 'A1' });
    const status = sync.status();
    expect(status).toMatchObject({ paired: true, online: true, pending: 0, rejected: 0, bootstrapping: false, lastError: null });
    expect(status.epoch).toEqual(expect.any(String));
    expect(status.lastPullAt).not.toBeNull();
    expect(core.catalog.vendor().name).toBe(shop.name);
    expect(names(core, 'mirror_products')).toEqual([shop.bun.name, shop.loaf.name].sort());
    expect(names(core, 'mirror_staff')).toEqual([shop.cashier.name, 'Crumb Owner'].sort());
    expect(names(core, 'mirror_staff')).not.toContain(other.cashier.name);
    expect(core.catalog.variant(shop.loaf.id).priceCents).toBe(450);
    expect(core.catalog.onHand([shop.loaf.id]).get(shop.loaf.id)).toBe(20);
    // the cashier's PIN works offline, from the synced hash
    await readyToSell(core, shop);
    expect(core.staff.current()?.staffId).toBe(shop.cashier.id);
    expect(existsSync(join(dir, CREDENTIALS_FILE))).toBe(true);
  });

  it('refuses a bad code, a used code and pairing twice, writing nothing', async () => {
    const shop = await createServerShop(server.url, 'Codes');
    const fresh = counter();
    expect(await codeOf(fresh.sync.pair(''))).toBe('BAD_INPUT');
    expect(await codeOf(fresh.sync.pair('ZZZZ-ZZZZ'))).toBe('PAIRING_CODE_INVALID');
    expect(fresh.sync.status().paired).toBe(false);
    expect(fresh.core.device.get().deviceId).toBeNull();
    expect(existsSync(join(fresh.dir, CREDENTIALS_FILE))).toBe(false);

    const code = await shop.pairingCode();
    await fresh.sync.pair(code);
    const second = counter();
    expect(await codeOf(second.sync.pair(code))).toBe('PAIRING_CODE_INVALID');
    const deviceBefore = fresh.core.device.get();
    expect(await codeOf(fresh.sync.pair(await shop.pairingCode()))).toBe('CONFLICT');
    expect(fresh.core.device.get()).toEqual(deviceBefore);
  });

  it('reports an unreachable server when pairing, and keeps the counter unpaired', async () => {
    const c = makeCounter('http://127.0.0.1:9', { random: () => 0.25 });
    counters.push(c);
    const err = await c.sync.pair('K7QM-4TXP').catch((e: unknown) => e);
    expect(isAppError(err) && err.message).toMatch(/Cannot reach the marketplace/);
    expect(c.sync.status()).toMatchObject({ paired: false, online: false });
  });
});

describe('pushing the outbox', () => {
  it('keeps sales made while the server is down, then delivers each exactly once', async () => {
    const shop = await createServerShop(server.url, 'Offline');
    const c = await pairedCounter(shop);
    c.sync.start();
    await eventually('the first round', () => expect(c.sync.status()).toMatchObject({ pending: 0, online: true }), c.sync);
    await server.stop();
    const sales = [sell(c.core, shop.loaf, 2), sell(c.core, shop.bun, 3), sell(c.core, shop.loaf, 1)];
    c.sync.notifyLocalWrite();

    await eventually('the counter to notice the server is down', () => expect(c.sync.status().online).toBe(false), c.sync);
    expect(c.sync.status().lastError).toMatch(/Server unreachable — retrying in \d+ s/);
    expect(c.core.ctx.connectivity.online).toBe(false);
    expect(c.sync.status().pending).toBe(3);
    expect(c.core.sales.byId({ saleId: sales[0]!.id }).syncStatus).toBe('pending');

    await server.restart();
    await eventually('the queue to drain', () => expect(c.sync.status()).toMatchObject({ pending: 0, online: true, lastError: null }), c.sync, 40_000);
    await c.sync.syncNow();

    const orders = await counterOrders(shop);
    expect(orders.map((o) => o.number).sort()).toEqual(sales.map((s) => s.number).sort());
    expect(orders.every((o) => o.status === 'completed')).toBe(true);
    expect(await onHandOnServer(shop, shop.loaf.id)).toBe(20 - 3);
    expect(await onHandOnServer(shop, shop.bun.id)).toBe(50 - 3);
    expect(c.core.sales.byId({ saleId: sales[0]!.id }).syncStatus).toBe('applied');
    expect(c.sync.status().lastPushAt).not.toBeNull();
  });

  it('acknowledges a batch delivered twice once, keeping a rejection the lost answer carried', async () => {
    const shop = await createServerShop(server.url, 'Twice');
    let pushes = 0;
    // the first answer to every push is "lost": the same request is sent again and only its answer arrives
    const doubling: typeof fetch = async (input, init) => {
      if (!urlOf(input).includes('sync.push')) return fetch(input, init);
      pushes++;
      await fetch(input, init);
      return fetch(input, init);
    };
    const c = await pairedCounter(shop, { fetch: doubling });
    const first = sell(c.core, shop.loaf);
    poison(c.core, shop);
    const last = sell(c.core, shop.bun);

    await c.sync.syncNow();

    expect(pushes).toBe(1);
    expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 1, online: true });
    const orders = await counterOrders(shop);
    expect(orders.map((o) => o.number).sort()).toEqual([first.number, last.number].sort());
    expect(await onHandOnServer(shop, shop.loaf.id)).toBe(19);
    expect(c.core.outbox.rejections()[0]).toMatchObject({ name: 'stock.movement', status: 'rejected', code: 'NOT_FOUND' });
  });

  it('pushes only what was queued when the round began, so a till selling during the push still gets its pull', async () => {
    const shop = await createServerShop(server.url, 'Busy');
    const calls: string[] = [];
    // assigned once, after `watching` below is made (pairing already fetches through it, with no counter yet)
    // eslint-disable-next-line prefer-const -- read by the closure before its one assignment
    let c: TestCounter | undefined;
    let during: ReturnType<typeof sell> | undefined;
    const watching: typeof fetch = async (input, init) => {
      const url = urlOf(input);
      const what = url.includes('sync.push') ? 'push' : url.includes('sync.pull') ? 'pull' : 'other';
      if (what === 'push') {
        if (typeof init?.body !== 'string') throw new Error('a push sends its body as JSON text');
        const body = JSON.parse(init.body) as { mutations: { mutationId: number }[] };
        calls.push(`push ${body.mutations.map((m) => m.mutationId).join(',')}`);
        // the cashier rings up the next customer while the push is on the wire
        if (c && !during) during = sell(c.core, shop.bun);
      } else calls.push(what);
      return fetch(input, init);
    };
    c = await pairedCounter(shop, { fetch: watching });
    const first = sell(c.core, shop.loaf);
    const queued = c.core.outbox.stats().lastMutationId;
    calls.length = 0;

    await c.sync.syncNow();

    // one push of exactly the rows queued before the round, then the pull; the sale made meanwhile waits its turn
    const ids = Array.from({ length: queued }, (_, i) => i + 1).join(',');
    expect(calls.filter((x) => x !== 'other')[0]).toBe(`push ${ids}`);
    expect(calls.filter((x) => x.startsWith('push'))).toHaveLength(1);
    expect(calls).toContain('pull');
    expect(c.sync.status()).toMatchObject({ pending: 1, online: true });
    expect(c.core.sales.byId({ saleId: first.id }).syncStatus).toBe('applied');
    expect(c.core.sales.byId({ saleId: during?.id ?? '' }).syncStatus).toBe('pending');

    await c.sync.syncNow();
    expect(c.sync.status()).toMatchObject({ pending: 0 });
    expect((await counterOrders(shop)).map((o) => o.number).sort()).toEqual([first.number, during?.number].sort());
  });

  it('rejects a poison mutation mid-queue, applies the ones after it, and shows the rejection', async () => {
    const shop = await createServerShop(server.url, 'Poison');
    const c = await pairedCounter(shop);
    const before = sell(c.core, shop.loaf);
    poison(c.core, shop);
    const after = sell(c.core, shop.loaf, 2);
    const seen: number[] = [];
    c.sync.onChange((s) => seen.push(s.rejected));

    await c.sync.syncNow();

    expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 1, online: true, lastError: null });
    expect(seen).toContain(1);
    const [rejection] = c.core.outbox.rejections();
    expect(rejection).toMatchObject({ name: 'stock.movement', code: 'NOT_FOUND' });
    expect(rejection?.message).toEqual(expect.any(String));
    expect((await counterOrders(shop)).map((o) => o.number).sort()).toEqual([before.number, after.number].sort());
    expect(c.core.sales.byId({ saleId: after.id }).syncStatus).toBe('applied');
    // a refused change still needs resolving: the counter may not be unpaired yet
    expect(await codeOf(c.sync.unpair())).toBe('CONFLICT');
    // a manager settles it (the row stays as history), and then the counter can be handed back
    c.core.outbox.resolve(rejection?.id ?? '', shop.cashier.id, 'Stock recounted by hand');
    c.sync.notifyLocalWrite();
    expect(c.sync.status()).toMatchObject({ rejected: 0, pending: 0 });
    expect(c.core.outbox.rejections(10, true)[0]).toMatchObject({ code: 'NOT_FOUND', resolvedBy: shop.cashier.id, resolutionNote: 'Stock recounted by hand' });
    await c.sync.unpair();
    expect(c.sync.status()).toMatchObject({ paired: false });
  });
});

/** Stock received for a product the server has never heard of: a business rejection, not a batch failure. */
function poison(core: CounterCore, shop: ServerShop): void {
  core.ctx.sqlite.transaction(() =>
    enqueue(core.ctx.db, Date.now(), 'stock.movement', {
      id: uuidv7(),
      variantId: uuidv7(),
      kind: 'receive',
      quantity: 1,
      occurredAt: new Date().toISOString(),
      note: 'dropped',
      staffId: shop.cashier.id,
      approvedBy: null,
    }),
  )();
}

describe('web orders, pokes, clocks and unpairing', () => {
  it('shows a rejection when a web order was cancelled online while the counter accepted it offline', async () => {
    const shop = await createServerShop(server.url, 'Orders');
    const c = await pairedCounter(shop);
    const placed = await serverClient(server.url).orders.checkout.mutate({
      idempotencyKey: uuidv7(),
      contact: { name: 'Alex', email: 'alex@example.com' },
      items: [{ variantId: shop.loaf.id, quantity: 1 }],
      fulfilment: [{ vendorId: shop.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    const order = placed.orders[0]!;
    await syncUntil(c.sync, 'the web order to arrive', () => expect(c.core.webOrders.byId(order.id).status).toBe('placed'));

    c.core.webOrders.transition({ orderId: order.id, to: 'accepted', prepMinutes: 15 });
    await serverClient(server.url).orders.transition.mutate({ orderId: order.id, to: 'cancelled', trackingToken: order.trackingToken });
    await c.sync.syncNow();

    expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 1 });
    expect(c.core.outbox.rejections()[0]).toMatchObject({ name: 'order.transition', code: 'CONFLICT' });
    await syncUntil(c.sync, 'the cancellation to show', () => expect(c.core.webOrders.byId(order.id).status).toBe('cancelled'));
  });

  it('gets a price change made on the server through a poke, without waiting for the poll', async () => {
    const shop = await createServerShop(server.url, 'Prices');
    const c = await pairedCounter(shop);
    c.sync.start();
    // let the poke stream connect (it pulls once when it does)
    await new Promise((r) => setTimeout(r, 1_000));
    await shop.owner.products.upsertVariant.mutate({ id: shop.loaf.id, productId: shop.loaf.productId, sku: shop.loaf.sku, priceCents: 520, barcode: null });

    await eventually('the new price to reach the counter', () => expect(c.core.catalog.variant(shop.loaf.id).priceCents).toBe(520), c.sync, 10_000);
    expect(sell(c.core, shop.loaf).totalCents).toBe(520);
  });

  it('keeps selling with a clock hours off, and reports the skew', async () => {
    const shop = await createServerShop(server.url, 'Skew');
    const threeHours = 3 * 3600_000;
    const c = await pairedCounter(shop, { clock: () => Date.now() - threeHours });
    const sale = sell(c.core, shop.bun);
    await c.sync.syncNow();

    const skew = c.sync.status().clockSkewMs ?? 0;
    expect(Math.abs(skew - threeHours)).toBeLessThan(60_000);
    expect(c.sync.status().pending).toBe(0);
    expect((await counterOrders(shop)).map((o) => o.number)).toEqual([sale.number]);
  });

  it('refuses to unpair with unsynced sales, keeps the outbox, and unpairs once they are delivered', async () => {
    const shop = await createServerShop(server.url, 'Unpair');
    const c = await pairedCounter(shop);
    sell(c.core, shop.loaf);
    const rows = outboxCount(c.core);

    expect(await codeOf(c.sync.unpair())).toBe('CONFLICT');
    expect(c.sync.status()).toMatchObject({ paired: true, pending: rows });

    await c.sync.syncNow();
    await c.sync.unpair();

    expect(c.sync.status()).toMatchObject({ paired: false, pending: 0 });
    expect(outboxCount(c.core)).toBe(rows);
    expect(existsSync(join(c.dir, CREDENTIALS_FILE))).toBe(false);
  });

  it('reports a revoked device in status instead of throwing', async () => {
    const shop = await createServerShop(server.url, 'Revoked');
    const c = await pairedCounter(shop);
    await shop.owner.devices.revoke.mutate({ deviceId: c.core.device.get().deviceId! });
    sell(c.core, shop.bun);

    await c.sync.syncNow();

    expect(c.sync.status()).toMatchObject({ online: true, pending: 2 });
    expect(c.sync.status().lastError).toMatch(/no longer accepts this counter/);
  });
});
