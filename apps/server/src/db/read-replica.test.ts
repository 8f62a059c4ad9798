import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner, type ContextInput } from '../context';
import { buildApp } from '../http/app';
import { READ_PRIMARY_COOKIE } from '../http/read-primary';
import { appRouter } from '../routers/index';
import { addProduct, checkoutRequest, createShop } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { testEnv } from '../test/harness';
import { startReplicaCluster, type ReplicaCluster } from '../test/replica-cluster';
import { createCallerFactory } from '../trpc';
import { openDatabase, queryRows, type Database } from './client';
import { runMigrations } from './migrate';

const createCaller = createCallerFactory(appRouter);
const ORIGIN = 'https://market.example';

/**
 * DATABASE_READ_URL against a real streaming replica (pg_basebackup -R on this machine). Routing is proven by
 * pausing the replica's WAL replay: a product added afterwards exists on the primary only, so whoever sees it
 * read the primary.
 */
describe('DATABASE_READ_URL: search and catalog reads on a streaming replica', () => {
  let cluster: ReplicaCluster;
  let database: Database;
  let app: FastifyInstance;
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-replica-app-'));
  const env = testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN });

  beforeAll(async () => {
    cluster = await startReplicaCluster();
    database = await openDatabase({ kind: 'postgres', url: cluster.primaryUrl, readUrl: cluster.replicaUrl, max: 4 });
    await runMigrations(database);
    app = await buildApp({ database, env });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const caller = async (input: Omit<ContextInput, 'database' | 'env'> = {}) => createCaller(await createContextInner({ database, env, ...input }));
  const found = async (input: Omit<ContextInput, 'database' | 'env'>, q: string) =>
    (await (await caller(input)).search.products({ q, limit: 10 })).items.map((i) => i.name);
  const searchOverHttp = async (q: string, cookie?: string) => {
    const input = encodeURIComponent(JSON.stringify({ q, limit: 10 }));
    const res = await app.inject({ method: 'GET', url: `/trpc/search.products?input=${input}`, headers: cookie ? { cookie } : {} });
    return res.json<{ result: { data: { items: { name: string }[] } } }>().result.data.items.map((i) => i.name);
  };
  /** the replica has replayed everything the primary has written so far */
  const caughtUp = async () => {
    const [row] = await queryRows<{ lsn: string }>(database.db, sql`SELECT pg_current_wal_lsn()::text AS lsn`);
    const lsn = row?.lsn ?? '0/0';
    for (let i = 0; i < 200; i++) {
      const r = await cluster.onReplica(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS ok`);
      if ((r.rows[0] as { ok: boolean }).ok) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`the replica did not replay up to ${lsn}`);
  };

  it('serves anonymous visitors from the replica, while staff, customers and a visitor who just wrote read the primary', async () => {
    const { db } = database;
    const shop = await createShop(db);
    await addProduct(db, shop.vendorId, { name: 'Quince Loaf', priceCents: 400 });
    const customer = await createCustomerFixture(db);
    await caughtUp();
    expect(await found({}, 'quince')).toEqual(['Quince Loaf']);

    await cluster.onReplica('SELECT pg_wal_replay_pause()');
    try {
      const fresh = await addProduct(db, shop.vendorId, { name: 'Medlar Tart', priceCents: 500, stock: 5 });
      // an anonymous visitor reads the paused replica: not there yet, on search, product and shop reads
      expect(await found({}, 'medlar')).toEqual([]);
      await expect((await caller()).products.byId({ productId: fresh.productId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await searchOverHttp('medlar')).toEqual([]);

      // staff see their new product at once
      expect((await (await caller({ bearer: shop.ownerToken })).products.byId({ productId: fresh.productId })).name).toBe('Medlar Tart');
      // a signed-in customer reads the primary: finds it, orders it and sees the order
      const asCustomer = await caller({ sessionCookie: customer.cookie });
      expect(await found({ sessionCookie: customer.cookie }, 'medlar')).toEqual(['Medlar Tart']);
      const placed = await asCustomer.orders.checkout(checkoutRequest([[fresh, 1]], [{ vendorId: shop.vendorId }]));
      const orderId = placed.orders[0]?.id ?? '';
      expect((await asCustomer.orders.byId({ orderId })).status).toBe('placed');
      expect((await asCustomer.products.byId({ productId: fresh.productId })).name).toBe('Medlar Tart');

      // a guest's checkout over HTTP marks the browser; its next reads go to the primary, another browser's do not
      const res = await app.inject({
        method: 'POST',
        url: '/trpc/orders.checkout',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        payload: JSON.stringify(checkoutRequest([[fresh, 1]], [{ vendorId: shop.vendorId }])),
      });
      expect(res.statusCode).toBe(200);
      const mark = res.cookies.find((c) => c.name === READ_PRIMARY_COOKIE);
      expect(mark?.httpOnly).toBe(true);
      expect(await searchOverHttp('medlar', `${READ_PRIMARY_COOKIE}=${mark?.value ?? ''}`)).toEqual(['Medlar Tart']);
      expect(await searchOverHttp('medlar', `${READ_PRIMARY_COOKIE}=${Date.now() - 1}`)).toEqual([]);
      expect(await searchOverHttp('medlar')).toEqual([]);
    } finally {
      await cluster.onReplica('SELECT pg_wal_replay_resume()');
    }
    // replay resumed: the replica catches up and anonymous visitors see the product
    await caughtUp();
    expect(await found({}, 'medlar')).toEqual(['Medlar Tart']);
  });

  it('refuses DATABASE_READ_URL without DATABASE_URL', () => {
    expect(() => testEnv({ DATA_DIR: dataDir, DATABASE_READ_URL: 'postgres://replica.example/makeries' })).toThrow(/DATABASE_READ_URL/);
  });
});
