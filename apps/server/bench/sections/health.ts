import { addDays, localDateIn } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { healthCsv } from '../../src/services/health/csv';
import { refreshHealthRollups } from '../../src/services/health/refresh';
import { healthSummary } from '../../src/services/health/summary';
import { failingBridges, oversoldShops, queueBacklog, staleCounters } from '../../src/services/health/watchlists';
import { generateHealthMarket } from '../health/generate';
import { summarize } from '../lib/latency';
import { createBenchDatabase } from '../lib/postgres';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';

const SHOPS = 500;
const ORDERS = Number(process.env.BENCH_HEALTH_ORDERS ?? 1_000_000);
const P95_BUDGET_MS = 200;
const MARKET = { timezone: 'Europe/London', currency: 'GBP' };

/**
 * The operator's health dashboard over a generated market (1,000,000 orders over two years, 500 shops, both
 * channels): how long the rollups take to build from nothing and to refresh incrementally after a counter syncs a
 * month of old sales, then every dashboard query run many times in this process on a real pg pool (the
 * procedure's work without HTTP), p50/p95 against the budget of DESIGN §9 (p95 < 200 ms).
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const bench = await createBenchDatabase(ctx.postgres, 'mk_bench_health');
  const database = await openDatabase({ kind: 'postgres', url: bench.url, max: 4 });
  try {
    await runMigrations(database);
    const db = database.db;
    ctx.log(`health: generating ${String(ORDERS)} orders over ${String(SHOPS)} shops`);
    const dataset = await generateHealthMarket(db, SHOPS, ORDERS);
    ctx.log(`health: generated in ${String(dataset.seconds)} s; full rollup refresh`);

    const now = new Date();
    let t = performance.now();
    const full = await refreshHealthRollups(db, MARKET.timezone, now, { full: true });
    const fullMs = performance.now() - t;
    t = performance.now();
    const idle = await refreshHealthRollups(db, MARKET.timezone, new Date(now.getTime() + 60_000));
    const idleMs = performance.now() - t;
    // a counter that was offline syncs 1,000 sales spread over the last 30 days
    await db.execute(sql`
      INSERT INTO orders (id, vendor_id, channel, number, status, fulfilment, currency, tax_mode, subtotal_cents, tax_cents, total_cents, payment_status, placed_at)
      SELECT gen_random_uuid(), (SELECT id FROM vendors ORDER BY id LIMIT 1), 'counter', 'LATE-' || i, 'completed', 'counter', 'GBP', 'inclusive', 500, 0, 500, 'paid',
             now() - interval '30 days' * random()
      FROM generate_series(1, 1000) i`);
    t = performance.now();
    const late = await refreshHealthRollups(db, MARKET.timezone, new Date(now.getTime() + 120_000));
    const lateMs = performance.now() - t;

    const today = localDateIn(MARKET.timezone, new Date());
    const queries: Record<string, () => Promise<unknown>> = {
      summaryLast30Days: () => healthSummary(db, MARKET, { from: addDays(today, -29), to: today, by: 'day' }),
      summaryLastYearByDay: () => healthSummary(db, MARKET, { from: addDays(today, -364), to: today, by: 'day' }),
      summaryTwoYearsByWeek: () => healthSummary(db, MARKET, { from: addDays(today, -730), to: today, by: 'week' }),
      summaryPastQuarter: () => healthSummary(db, MARKET, { from: addDays(today, -200), to: addDays(today, -110), by: 'day' }),
      exportCsvLastYear: async () => healthCsv(await healthSummary(db, MARKET, { from: addDays(today, -364), to: today, by: 'day' })),
      staleCounters: () => staleCounters(db, { limit: 24 }),
      failingBridges: () => failingBridges(db, { limit: 24 }),
      oversoldShops: () => oversoldShops(db, { limit: 24 }),
      queues: () => queueBacklog(db),
    };
    const runs = Math.max(20, Math.round(100 * ctx.scale));
    const latency: Record<string, ReturnType<typeof summarize>> = {};
    const budgets = [];
    for (const [name, q] of Object.entries(queries)) {
      for (let i = 0; i < 3; i++) await q();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await q();
        samples.push(performance.now() - s);
      }
      latency[name] = summarize(samples);
      budgets.push(budget(`health: ${name} p95`, latency[name].p95, 'ms', 'max', P95_BUDGET_MS));
      ctx.log(`health: ${name} p50 ${String(latency[name].p50)} ms, p95 ${String(latency[name].p95)} ms`);
    }
    const [rows] = await queryRows<{ shop_days: number; periods: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM health_shop_days) AS shop_days, (SELECT count(*)::int FROM health_periods) AS periods`,
    );
    return {
      budgets,
      metrics: {
        dataset,
        rollupRows: rows,
        refresh: {
          fullMs: round(fullMs),
          full,
          idleIncrementalMs: round(idleMs),
          idle,
          afterLateCounterSyncMs: round(lateMs),
          afterLateCounterSync: late,
        },
        runsPerQuery: runs,
        latencyMs: latency,
      },
    };
  } finally {
    await database.close();
    await bench.drop();
  }
}

export const section: BenchSection = { name: 'health', order: 26, run };
