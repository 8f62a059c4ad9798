import { uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../../db/client';
import { inventoryLevels, posEntityMap, products, variants } from '../../../db/schema/index';
import type { Env } from '../../../env';
import { buildApp } from '../../../http/app';
import { createJobRuntime, type JobRuntime } from '../../../jobs/runtime';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { createVendorFixture, type VendorFixture } from '../../../test/fixtures';
import { testEnv } from '../../../test/harness';
import { recordMovements } from '../../inventory';
import { chooseLocation, startConnect } from '../connect';
import { connectionOfVendor } from '../connections';
import { registerBridgeJobs } from '../jobs';
import { applyImport } from '../manage';
import { openCredentials, tokenKey } from '../crypto';
import { readStream } from '../sync-state';
import { SHOPIFY_CALLBACK_PATH, SHOPIFY_WEBHOOK_PATH } from './connector';
import { startShopifyFake, type FakeShopifyWebhook, type ShopifyFake } from './fake/index';
import { resetThrottle } from './throttle';

/** The bridge engine driving Shopify end to end (PGlite): connect, import, webhooks, incremental sync. */

const SHOP = 'clay-corner.myshopify.com';
const MARKET = 'gid://shopify/Location/101';
const PUBLIC_URL = 'http://127.0.0.1:3998';

describe('a shop bridged to Shopify through the engine', () => {
  let fake: ShopifyFake;
  let env: Env;
  let database: TestDatabase;
  let db: Db;
  let vendor: VendorFixture;
  let runtime: JobRuntime;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const clock = { t: Date.now() };

  async function drain(): Promise<void> {
    clock.t = Math.max(clock.t, Date.now());
    for (let i = 0; i < 200; i++) {
      const s = await runtime.tick({ limit: 500 });
      if (s.done + s.retried + s.failed === 0) {
        const [due] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`);
        if (!due || due.n === 0) return;
        clock.t += 60_000;
      }
    }
    throw new Error('jobs did not settle');
  }

  async function deliver(hooks: readonly FakeShopifyWebhook[]): Promise<number[]> {
    const out: number[] = [];
    for (const h of hooks) out.push((await app.inject({ method: 'POST', url: SHOPIFY_WEBHOOK_PATH, headers: { ...h.headers, 'content-type': 'application/json' }, payload: h.body })).statusCode);
    return out;
  }

  async function variantOf(inventoryItem: string): Promise<string> {
    const conn = await connectionOfVendor(db, vendor.vendorId);
    const [m] = await db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, conn?.id ?? ''), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, inventoryItem)));
    return m?.id ?? '';
  }

  async function onHand(variantId: string): Promise<number | null> {
    const [l] = await db.select({ onHand: inventoryLevels.onHand }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId));
    return l?.onHand ?? null;
  }

  beforeAll(async () => {
    resetThrottle();
    fake = await startShopifyFake({
      shops: [{ domain: SHOP, currency: 'GBP', locations: [{ id: 101, name: 'Market Street' }] }],
      redirectUrl: `${PUBLIC_URL}${SHOPIFY_CALLBACK_PATH}`,
      // Shopify's clock moves with the engine's (token expiry, update times)
      clock: { now: () => clock.t },
    });
    env = testEnv({ SHOPIFY_CLIENT_ID: fake.clientId, SHOPIFY_CLIENT_SECRET: fake.clientSecret, SHOPIFY_API_BASE: fake.baseUrl, PUBLIC_URL, POS_TIMEOUT_MS: '10000' });
    database = await createTestDatabase('pglite');
    db = database.db;
    vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
    runtime = createJobRuntime(db, { now: () => new Date(clock.t) });
    registerBridgeJobs(runtime, db, env, { now: () => new Date(clock.t) });
    app = await buildApp({ database, env });
  }, 60_000);
  afterAll(async () => {
    await runtime.stop();
    await app.close();
    await fake.close();
    await database.destroy();
  });

  it('connects, imports, follows stock webhooks and catalog edits', async () => {
    const seeded = fake.seedCatalog(SHOP, 30, { available: 4 });
    const { url } = await startConnect(db, env, vendor.vendorId, 'shopify', new Date(clock.t), SHOP);
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    const callback = await app.inject({ method: 'GET', url: `${SHOPIFY_CALLBACK_PATH}?${back.searchParams.toString()}` });
    expect(callback.body.replace(/<[^>]+>/g, ' ')).toContain('Shopify is connected');
    expect(callback.statusCode).toBe(200);
    const conn = await connectionOfVendor(db, vendor.vendorId);
    expect(conn?.connectionKey).toBe(SHOP);
    expect(openCredentials(tokenKey(env), conn?.credentialsEnc ?? '')).toMatchObject({ shop: SHOP });

    await chooseLocation(db, env, vendor.vendorId, MARKET);
    await drain();
    expect((await readStream(db, conn?.id ?? '', 'import'))?.phase).toBe('preview');
    await applyImport(db, vendor.vendorId, 'none');
    await drain();
    const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${vendor.vendorId}`);
    expect(count?.n).toBe(30);
    const item = seeded[1]?.inventoryItemIds[0] ?? '';
    const variantId = await variantOf(item);
    expect(await onHand(variantId)).toBe(4);

    // a count changed in Shopify admin arrives as inventory_levels/update
    fake.takeWebhooks();
    fake.setAvailable(item, 9, MARKET);
    const stock = fake.takeWebhooks();
    expect(stock.map((h) => h.topic)).toContain('inventory_levels/update');
    expect(await deliver(stock)).toEqual(stock.map(() => 200));
    expect(await deliver([{ ...stock[0], headers: { ...stock[0]?.headers, 'x-shopify-hmac-sha256': fake.sign('{}') } } as FakeShopifyWebhook])).toEqual([401]);
    await drain();
    expect(await onHand(variantId)).toBe(9);

    // a counter sale here is pushed as an adjustment; its echo (and a sale at Shopify POS) leave the count exact
    fake.takeWebhooks();
    await recordMovements(db, vendor.vendorId, [{ id: uuidv7(), variantId, kind: 'sale', quantity: -2, occurredAt: new Date(clock.t), reference: uuidv7() }]);
    expect(await onHand(variantId)).toBe(7);
    await drain();
    expect(fake.stateOf.available(item, MARKET)).toBe(7);
    // Shopify stamps counts in whole seconds and the engine keeps only a strictly later count: the sale comes a second on
    clock.t += 2_000;
    fake.sellAtPos(seeded[1]?.variantIds[0] ?? '', 1, MARKET);
    const echoes = fake.takeWebhooks();
    expect(echoes.filter((h) => h.topic === 'inventory_levels/update').length).toBeGreaterThanOrEqual(2);
    await deliver([...echoes, ...echoes.map((h) => fake.redeliver(h))]);
    await drain();
    expect(fake.stateOf.available(item, MARKET)).toBe(6);
    expect(await onHand(variantId)).toBe(6);

    // a rename and a price change arrive through products/update and the incremental sync
    fake.updateProduct(seeded[1]?.productId ?? '', { title: 'Renamed mug' });
    expect(await deliver(fake.takeWebhooks())).not.toContain(401);
    await drain();
    const [renamed] = await db.select({ name: products.name }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(renamed?.name).toBe('Renamed mug');

    // 55 minutes on, the hour-long token is renewed before the next call, and the rotated refresh token is kept
    const before = openCredentials(tokenKey(env), (await connectionOfVendor(db, vendor.vendorId))?.credentialsEnc ?? '');
    clock.t += 55 * 60_000;
    fake.updateProduct(seeded[1]?.productId ?? '', { title: 'Renamed mug, again' });
    expect(await deliver(fake.takeWebhooks())).not.toContain(401);
    await drain();
    const after = openCredentials(tokenKey(env), (await connectionOfVendor(db, vendor.vendorId))?.credentialsEnc ?? '');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after).toMatchObject({ shop: SHOP });
    const [again] = await db.select({ name: products.name }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(again?.name).toBe('Renamed mug, again');

    // a product deleted in Shopify is archived here (tombstone from the shop's event log), never deleted
    const gone = seeded[2]?.productId ?? '';
    fake.deleteProduct(gone);
    const deletion = fake.takeWebhooks();
    expect(deletion.map((h) => h.topic)).toContain('products/delete');
    expect(await deliver(deletion)).not.toContain(401);
    await drain();
    const goneVariant = await variantOf(seeded[2]?.inventoryItemIds[0] ?? '');
    const [archived] = await db.select({ archived: products.archived }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, goneVariant));
    expect(archived?.archived).toBe(true);
    const [still] = await db.select({ archived: products.archived }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(still?.archived).toBe(false);
  }, 60_000);
});
