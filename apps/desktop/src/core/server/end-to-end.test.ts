import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterClient, expectRefused, reader, type CounterClient } from '../router/test-kit';
import { counterOrders, createServerShop, eventually, serverClient, type ServerShop } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { createCallerFactory, counterRouter, createCounterContext } from '../router/index';
import { startHeadlessCounter, type HeadlessCounter } from './headless';

/*
 * The whole path a shop takes, through the CounterRouter over HTTP against the REAL marketplace server (a child
 * process on PGlite, or on a fresh PostgreSQL database when TEST_DATABASE_URL is set): pair with a code from the
 * back office, sign in with a PIN that was set online, sell, and see the sale arrive on the server.
 */

let server: ServerProcess;
let shop: ServerShop;
let counter: HeadlessCounter;
let dir: string;
let c: CounterClient;

beforeAll(async () => {
  server = await startServerProcess();
  shop = await createServerShop(server.url, 'Router Bakery');
  dir = mkdtempSync(join(tmpdir(), 'counter-e2e-'));
  counter = await startHeadlessCounter({ serverUrl: server.url, dataDir: dir, port: 0 });
  c = counterClient(counter.url);
});
afterAll(async () => {
  await counter?.shutdown();
  await server?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`the counter against the real marketplace`, () => {
  it('refuses a wrong pairing code with the server’s reason, and stores nothing', async () => {
    const err = await expectRefused(counter.core, () => c.device.pair.mutate({ code: 'ZZZZ-ZZZZ' }), 'PAIRING_CODE_INVALID');
    expect(err.message.length).toBeGreaterThan(10);
    expect(await c.device.status.query()).toMatchObject({ paired: false });
  });

  it('pairs, bootstraps the shop, and signs the cashier in with the PIN set online', async () => {
    const paired = await c.device.pair.mutate({ code: await shop.pairingCode() });
    expect(paired).toMatchObject({ vendorId: shop.vendorId, vendorName: shop.name });
    expect(await c.device.status.query()).toMatchObject({ paired: true, shop: { name: shop.name, currency: 'GBP' }, sync: { online: true } });
    expect((await c.staff.list.query()).map((s) => s.id)).toContain(shop.cashier.id);
    expect(await c.staff.login.mutate({ staffId: shop.cashier.id, pin: shop.cashier.pin })).toMatchObject({ role: 'cashier' });
  });

  it('sells for cash with change and the sale reaches the server exactly once', async () => {
    await c.shifts.open.mutate({ floatCents: 3000 });
    const [hit] = await c.catalog.search.query({ text: 'router sourdough' });
    expect(hit).toMatchObject({ variantId: shop.loaf.id, priceCents: 450 });
    const { cart } = await c.cart.addVariant.mutate({ variantId: shop.loaf.id, quantity: 2 });
    const sale = await c.sales.complete.mutate({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: 1000 }] });
    expect(sale).toMatchObject({ totalCents: 900, changeCents: 100 });
    await c.sync.syncNow.mutate();
    const status = await eventually('the outbox drains', async () => {
      const s = await c.sync.status.query();
      if (s.pending !== 0) throw new Error(`${s.pending} pending`);
      return s;
    });
    expect(status).toMatchObject({ online: true, rejected: 0, lastError: null });
    const orders = await counterOrders(shop);
    expect(orders.map((o) => [o.number, o.totalCents])).toEqual([[sale.number, 900]]);
    expect((await c.sales.byId.query({ saleId: sale.id })).syncStatus).toBe('applied');
  });

  it('announces a web order placed online when it arrives with a pull, and accepts it', async () => {
    const ctx = createCounterContext(counter.core, counter.sync);
    try {
      const orders = reader(await createCallerFactory(counterRouter)(ctx).webOrders.onChange());
      const placed = await serverClient(server.url).orders.checkout.mutate({
        idempotencyKey: uuidv7(),
        contact: { name: 'Grace', email: 'grace@example.com', phone: '' },
        items: [{ variantId: shop.bun.id, quantity: 3 }],
        fulfilment: [{ vendorId: shop.vendorId, type: 'pickup' }],
        paymentMethod: 'pay_at_pickup',
      });
      const order = placed.orders[0];
      await c.sync.syncNow.mutate();
      expect(await orders.next(20_000)).toMatchObject({ kind: 'arrived', orderId: order?.id, number: order?.number, status: 'placed' });
      await orders.stop();
      const accepted = await c.webOrders.transition.mutate({ orderId: order?.id ?? '', to: 'accepted', prepMinutes: 10 });
      expect(accepted).toMatchObject({ status: 'accepted', pendingSync: true });
      await c.sync.syncNow.mutate();
      await eventually('the server accepts it', async () => {
        const o = (await shop.owner.orders.listForVendor.query({ channel: 'web', limit: 10 })).items.find((x) => x.id === order?.id);
        if (o?.status !== 'accepted') throw new Error(`server status ${o?.status}`);
      });
    } finally {
      ctx.close();
    }
  });
});
