import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SquareClient } from 'square';
import { openDatabase, queryRows, type Db } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { loadEnv } from '../../src/env';
import { buildApp } from '../../src/http/app';
import { createJobRuntime, type JobRuntime } from '../../src/jobs/runtime';
import { chooseLocation, completeConnect, startConnect } from '../../src/services/bridges/connect';
import { registerBridgeJobs } from '../../src/services/bridges/jobs';
import { applyImport } from '../../src/services/bridges/manage';
import { startSquareFake, type FakeWebhookEvent } from '../../src/services/bridges/square/fake/index';
import { readStream } from '../../src/services/bridges/sync-state';
import { createVendorFixture } from '../../src/test/fixtures';
import { createBenchDatabase } from '../lib/postgres';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';

const ITEMS = 5_000;
const MERCHANT = 'MLBENCH0001';
const LOCATION = 'L-BENCH';
const LATENCY_SAMPLES = 60;
const THROUGHPUT_EVENTS = 1_000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function phase(db: Db, connectionId: string): Promise<string | null> {
  return (await readStream(db, connectionId, 'import'))?.phase ?? null;
}

/**
 * The Square bridge end to end against the local Square fake (in this process, on 127.0.0.1) and real PostgreSQL,
 * with the server's job runtime polling as in production: the first import of 5,000 items (connect → read →
 * preview → apply → stock), webhook → storefront availability latency, and stock webhook throughput. The fake
 * alone (listing its catalog through the SDK, producing signed events) is reported as the raw baseline.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const bench = await createBenchDatabase(ctx.postgres, 'mk_bench_pos');
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-bench-pos-'));
  const fake = await startSquareFake({ merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Bench Street', currency: 'GBP' }] }], notificationUrl: 'https://bench.makeries.test/hooks/pos/square' });
  const database = await openDatabase({ kind: 'postgres', url: bench.url });
  let runtime: JobRuntime | null = null;
  try {
    await runMigrations(database);
    const db = database.db;
    const env = loadEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: bench.url,
      DATA_DIR: dataDir,
      APP_SECRET: 'bench-secret-bench-secret-bench-secret-1',
      SQUARE_APPLICATION_ID: fake.applicationId,
      SQUARE_APPLICATION_SECRET: fake.clientSecret,
      SQUARE_API_BASE: fake.baseUrl,
      SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey,
      SQUARE_WEBHOOK_URL: fake.notificationUrl,
    });
    const seeded = fake.seedItems(MERCHANT, ITEMS, { currency: 'GBP', taxes: 2, categories: 8 });
    for (const v of seeded.variationIds) fake.setCount(MERCHANT, v, LOCATION, 50);
    fake.takeEvents();

    // raw baseline: the fake alone serving the whole catalog to the SDK
    const t0 = performance.now();
    let objects = 0;
    const raw = new SquareClient({ token: fake.issueToken(MERCHANT).accessToken, baseUrl: fake.baseUrl, maxRetries: 1 });
    for await (const _ of await raw.catalog.list({ types: 'ITEM,CATEGORY,TAX,IMAGE' })) objects++;
    const fakeListSeconds = (performance.now() - t0) / 1000;

    const vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
    runtime = createJobRuntime(db);
    registerBridgeJobs(runtime, db, env);
    runtime.start({ pollMs: 2_000 });

    ctx.log(`pos-bridge: importing ${String(ITEMS)} items`);
    const tImport = performance.now();
    const { url } = await startConnect(db, env, vendor.vendorId, 'square');
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    const { connection } = await completeConnect(db, env, 'square', { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' });
    await chooseLocation(db, env, vendor.vendorId, LOCATION);
    await until('the preview', async () => (await phase(db, connection.id)) === 'preview');
    const readSeconds = (performance.now() - tImport) / 1000;
    await applyImport(db, vendor.vendorId, 'none');
    await until('the import', async () => (await phase(db, connection.id)) === 'done');
    const importSeconds = (performance.now() - tImport) / 1000;
    const [counted] = await queryRows<{ products: number; variants: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${vendor.vendorId})::int AS products, (SELECT count(*) FROM variants WHERE vendor_id = ${vendor.vendorId})::int AS variants`,
    );

    const app = await buildApp({ database, env });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${String(typeof addr === 'object' && addr ? addr.port : 0)}`;
    const post = (e: FakeWebhookEvent) => fetch(`${base}/hooks/pos/square`, { method: 'POST', headers: { ...e.headers, 'content-type': 'application/json' }, body: e.body });
    try {
      // webhook → storefront: a single-variation item goes sold out and back; the public product API must follow
      const single = seeded.itemIds.findIndex((_, i) => i % 3 === 0);
      const itemExt = seeded.itemIds[single] ?? '';
      const [m] = await queryRows<{ productId: string }>(db, sql`SELECT local_id::text AS "productId" FROM pos_entity_map WHERE entity = 'product' AND ext_id = ${itemExt}`);
      const variationExt = seeded.variationIds[seeded.itemIds.slice(0, single).reduce((n, _, i) => n + 1 + (i % 3), 0)] ?? '';
      const productUrl = `${base}/trpc/products.byId?input=${encodeURIComponent(JSON.stringify({ productId: m?.productId ?? '' }))}`;
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const soldOut = i % 2 === 0;
        fake.setCount(MERCHANT, variationExt, LOCATION, soldOut ? 0 : 20);
        const events = fake.takeEvents();
        const t = performance.now();
        for (const e of events) await post(e);
        await until('the storefront to follow', async () => {
          const res = (await (await fetch(productUrl)).json()) as { result: { data: { variants: { available: boolean }[] } } };
          return res.result.data.variants[0]?.available === !soldOut;
        }, 30_000);
        latencies.push(performance.now() - t);
      }

      // throughput: 1,000 distinct count changes delivered 8 at a time, until every one is processed
      const tEvents = performance.now();
      for (let i = 0; i < THROUGHPUT_EVENTS; i++) fake.setCount(MERCHANT, seeded.variationIds[i % seeded.variationIds.length] ?? '', LOCATION, 10 + (i % 40));
      const events = fake.takeEvents();
      const fakeEventsMs = performance.now() - tEvents;
      const [before] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pos_webhook_events WHERE processed_at IS NOT NULL`);
      const tThroughput = performance.now();
      for (let i = 0; i < events.length; i += 8) await Promise.all(events.slice(i, i + 8).map(post));
      const acceptedSeconds = (performance.now() - tThroughput) / 1000;
      await until('every stock webhook processed', async () => {
        const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pos_webhook_events WHERE processed_at IS NOT NULL`);
        return (r?.n ?? 0) - (before?.n ?? 0) >= events.length;
      });
      const throughputSeconds = (performance.now() - tThroughput) / 1000;
      const rate = events.length / throughputSeconds;
      return {
        budgets: [
          budget('Square import of 5,000 items, end to end (local fake)', importSeconds, 's', 'max', 60),
          budget('Square stock webhook → storefront availability p95', percentile(latencies, 95), 'ms', 'max', 2_000),
          budget('Square stock webhooks processed per second', rate, 'events/s', 'min', 200),
        ],
        metrics: {
          import: { items: ITEMS, products: counted?.products, variants: counted?.variants, readSeconds: round(readSeconds), totalSeconds: round(importSeconds) },
          webhookToStorefrontMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)), samples: latencies.length },
          throughput: { events: events.length, acceptedSeconds: round(acceptedSeconds), processedSeconds: round(throughputSeconds), perSecond: round(rate) },
          fakeBaseline: { listCatalogObjects: objects, listCatalogSeconds: round(fakeListSeconds), produceSignedEventsMs: round(fakeEventsMs), events: events.length },
          note: 'fake, server, job runtime and bench client share one Node process; the job runtime polls every 2 s and is woken by each stored webhook',
        },
      };
    } finally {
      await app.close();
    }
  } finally {
    await runtime?.stop();
    await database.close();
    await fake.close();
    await bench.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const section: BenchSection = { name: 'pos-bridge', order: 25, run };
