import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { loadEnv } from '../../src/env';
import { buildApp } from '../../src/http/app';
import { createJobRuntime, type JobRuntime } from '../../src/jobs/runtime';
import { chooseLocation } from '../../src/services/bridges/connect';
import { connectionOfVendor } from '../../src/services/bridges/connections';
import { registerBridgeJobs } from '../../src/services/bridges/jobs';
import { applyImport } from '../../src/services/bridges/manage';
import { readStream } from '../../src/services/bridges/sync-state';
import { vendors } from '../../src/db/schema/index';
import { createVendorFixture } from '../../src/test/fixtures';
import { createBenchDatabase } from '../lib/postgres';
import { shopifyDriver, squareDriver, toastDriver, type BenchDelivery, type PosBenchDriver } from '../lib/pos-drivers';
import { budget, round, type BenchContext, type BenchSection, type BudgetCheck, type SectionResult } from '../lib/types';

const ITEMS = 5_000;
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
 * One POS bridge end to end against its local fake (in this process, on 127.0.0.1) and real PostgreSQL, with the
 * server's job runtime polling as in production: the first import of 5,000 items (connect → read → preview → apply →
 * stock), webhook → storefront availability latency, and stock webhook throughput. The fake alone serving its catalog
 * to a plain client is reported as the raw baseline.
 */
async function runProvider(ctx: BenchContext, driver: PosBenchDriver): Promise<{ budgets: BudgetCheck[]; metrics: Record<string, unknown> }> {
  const bench = await createBenchDatabase(ctx.postgres, `mk_bench_pos_${driver.provider}`);
  const dataDir = mkdtempSync(join(tmpdir(), `makeries-bench-pos-${driver.provider}-`));
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
      ...driver.env,
    });
    const seeded = driver.seed(ITEMS);
    const baseline = await driver.rawBaseline();

    const vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'GBP' });
    const [owner] = await queryRows<{ email: string }>(db, sql`SELECT email FROM ${vendors} WHERE id = ${vendor.vendorId}`);
    runtime = createJobRuntime(db);
    registerBridgeJobs(runtime, db, env);
    runtime.start({ pollMs: 2_000 });

    ctx.log(`pos-bridge: ${driver.name}: importing ${String(ITEMS)} items`);
    const tImport = performance.now();
    await driver.connect(db, env, vendor.vendorId, owner?.email ?? '');
    const connection = await connectionOfVendor(db, vendor.vendorId);
    if (!connection) throw new Error(`${driver.name}: not connected`);
    await chooseLocation(db, env, vendor.vendorId, driver.locationId);
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
    const post = (e: BenchDelivery) => fetch(`${base}/hooks/pos/${driver.provider}`, { method: 'POST', headers: { ...e.headers, 'content-type': 'application/json' }, body: e.body });
    try {
      // webhook → storefront: a single-variant product goes sold out and back; the public product API must follow
      const [m] = await queryRows<{ productId: string }>(db, sql`SELECT local_id::text AS "productId" FROM pos_entity_map WHERE connection_id = ${connection.id} AND entity = 'product' AND ext_id = ${seeded.single.productExtId}`);
      const productUrl = `${base}/trpc/products.byId?input=${encodeURIComponent(JSON.stringify({ productId: m?.productId ?? '' }))}`;
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        // a POS stamping whole seconds keeps the lower of two counts of one second: each change gets its own second
        if (driver.stampMs > 1) await new Promise((r) => setTimeout(r, driver.stampMs - (Date.now() % driver.stampMs) + 5));
        const soldOut = i % 2 === 0;
        driver.setCount(seeded.single.variantExtId, soldOut ? 0 : 20);
        const events = driver.takeDeliveries();
        const t = performance.now();
        for (const e of events) await post(e);
        await until(
          'the storefront to follow',
          async () => {
            const res = (await (await fetch(productUrl)).json()) as { result: { data: { variants: { available: boolean }[] } } };
            return res.result.data.variants[0]?.available === !soldOut;
          },
          30_000,
        ).catch(async (e: unknown) => {
          const state = await queryRows(db, sql`SELECT s.ext_quantity, s.observed_at, l.on_hand FROM pos_stock_state s JOIN pos_entity_map m ON m.local_id = s.variant_id AND m.entity = 'variant' JOIN inventory_levels l ON l.variant_id = s.variant_id WHERE m.ext_id = ${seeded.single.variantExtId}`);
          const hooks = await queryRows(db, sql`SELECT outcome, left(body, 300) AS body FROM pos_webhook_events ORDER BY received_at DESC LIMIT 3`);
          throw new Error(`${String(e)} (sample ${String(i)}; stock ${JSON.stringify(state)}; last webhooks ${JSON.stringify(hooks)})`);
        });
        latencies.push(performance.now() - t);
      }

      // throughput: 1,000 count changes of distinct items (into Toast's low-quantity band, so Toast sends one too),
      // delivered 8 at a time, until every one is processed
      const tEvents = performance.now();
      for (let i = 0; i < THROUGHPUT_EVENTS; i++) driver.setCount(seeded.variantExtIds[(i + 1) % seeded.variantExtIds.length] ?? '', 1 + (i % 5));
      const events = driver.takeDeliveries();
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
          budget(`${driver.name} import of 5,000 items, end to end (local fake)`, importSeconds, 's', 'max', 60),
          budget(`${driver.name} stock webhook → storefront availability p95`, percentile(latencies, 95), 'ms', 'max', 2_000),
          budget(`${driver.name} stock webhooks processed per second`, rate, 'events/s', 'min', 200),
        ],
        metrics: {
          import: { items: ITEMS, products: counted?.products, variants: counted?.variants, readSeconds: round(readSeconds), totalSeconds: round(importSeconds) },
          webhookToStorefrontMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)), samples: latencies.length },
          throughput: { events: events.length, acceptedSeconds: round(acceptedSeconds), processedSeconds: round(throughputSeconds), perSecond: round(rate) },
          fakeBaseline: { what: baseline.what, objects: baseline.objects, seconds: round(baseline.seconds), produceSignedEventsMs: round(fakeEventsMs), events: events.length },
        },
      };
    } finally {
      await app.close();
    }
  } finally {
    await runtime?.stop();
    await database.close();
    await driver.close();
    await bench.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The three POS bridges one after the other, each on its own database and fake. */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const budgets: BudgetCheck[] = [];
  const metrics: Record<string, unknown> = {
    note: 'fake, server, job runtime and bench client share one Node process; the job runtime polls every 2 s and is woken by each stored webhook',
  };
  // BENCH_POS=toast (or square,shopify) runs only those
  const only = (process.env.BENCH_POS ?? '').split(',').filter((p) => p !== '');
  for (const start of [squareDriver, shopifyDriver, toastDriver]) {
    if (only.length > 0 && !only.includes(start.name.replace(/Driver$/, ''))) continue;
    const driver = await start();
    const r = await runProvider(ctx, driver);
    budgets.push(...r.budgets);
    metrics[driver.provider] = r.metrics;
  }
  return { budgets, metrics };
}

export const section: BenchSection = { name: 'pos-bridge', order: 25, run };
