import { uuidv7 } from '@makeries/shared';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { inventoryLevels, products, variants } from '../../src/db/schema/index';
import { loadEnv } from '../../src/env';
import { createJobRuntime, type JobRuntime } from '../../src/jobs/runtime';
import { registerBackInStockFanout } from '../../src/services/comeback/fanout';
import { registerEmailJobs } from '../../src/services/email/sender';
import { registerNotifyJobs } from '../../src/services/notify/deliver';
import { fileTransport } from '../../src/services/email/transport';
import { recordMovements } from '../../src/services/inventory';
import { notifyChannels } from '../../src/services/notify/channels';
import { createVendorFixture } from '../../src/test/fixtures';
import { createBenchDatabase } from '../lib/postgres';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';

const SUBSCRIBERS = Number(process.env.BENCH_NOTIFY_SUBSCRIBERS ?? 10_000);
const RATE_BUDGET = 500;

interface Progress {
  notified: number;
  notifications: number;
  done: number;
  emailsSent: number;
}

async function progress(db: Db): Promise<Progress> {
  const [row] = await queryRows<Progress>(
    db,
    sql`SELECT (SELECT count(*)::int FROM stock_alert_subscriptions WHERE notified_at IS NOT NULL) AS notified,
               (SELECT count(*)::int FROM notifications WHERE topic = 'back_in_stock') AS notifications,
               (SELECT count(*)::int FROM notifications WHERE topic = 'back_in_stock' AND done_at IS NOT NULL) AS done,
               (SELECT count(*)::int FROM email_outbox WHERE kind = 'notification' AND status = 'sent') AS "emailsSent"`,
  );
  return row ?? { notified: 0, notifications: 0, done: 0, emailsSent: 0 };
}

/**
 * "Tell me when it's back" at scale (issue 18): 10,000 customers wait for one sold-out loaf; the shop receives stock
 * through the ledger (the counter's and back office's path: one set-based statement marks every subscriber and
 * queues one job), then the real job runtime runs the real handlers stage by stage — the fan-out into the notify
 * queue, delivery on every channel notifyChannels registers, and the email channel's `email.send` jobs to the file
 * transport (the dev default) — until every notification is delivered and every email handed to the transport.
 * Budget (DESIGN §9): ≥ 500 notifications/s on 2 cores.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const bench = await createBenchDatabase(ctx.postgres, 'mk_bench_notify');
  const database = await openDatabase({ kind: 'postgres', url: bench.url, max: 10 });
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-bench-notify-'));
  const mail = join(dataDir, 'mail');
  try {
    await runMigrations(database);
    const db = database.db;
    const env = loadEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, DATA_DIR: dataDir, APP_SECRET: 'bench-secret-bench-secret-bench-secret-1' });
    const shop = await createVendorFixture(db, { name: 'Bench Bakery' });
    const productId = uuidv7();
    const variantId = uuidv7();
    await db.insert(products).values({ id: productId, vendorId: shop.vendorId, name: 'Sourdough loaf', minPriceCents: 450, inStock: false });
    await db.insert(variants).values({ id: variantId, productId, vendorId: shop.vendorId, name: 'Default', sku: 'BENCH-LOAF', priceCents: 450, taxClass: 'standard' });
    await db.insert(inventoryLevels).values({ variantId, vendorId: shop.vendorId, onHand: 0, reserved: 0 });
    ctx.log(`notify: ${String(SUBSCRIBERS)} customers waiting for the loaf`);
    await db.execute(sql`
      INSERT INTO customers (id, email, name, password_hash, email_verified_at)
      SELECT gen_random_uuid(), 'fan' || g || '@bench.test', 'Fan ' || g, 'unusable', now() FROM generate_series(1, ${SUBSCRIBERS}) g`);
    await db.execute(sql`
      INSERT INTO stock_alert_subscriptions (id, customer_id, vendor_id, product_id, variant_id)
      SELECT gen_random_uuid(), c.id, ${shop.vendorId}, ${productId}, ${variantId} FROM customers c`);
    await db.execute(sql`ANALYZE`);

    // the real handlers on the real job runtime, one stage after the other so each stage's rate is its own (one
    // server instance runs its jobs one at a time anyway, so the stages' sum is the end-to-end time)
    const channels = notifyChannels(db, env);
    const stage = async (label: string, register: (r: JobRuntime) => void): Promise<{ ms: number; jobs: number }> => {
      const runtime = createJobRuntime(db);
      register(runtime);
      const t = performance.now();
      let jobs = 0;
      for (;;) {
        const r = await runtime.tick({ jobsOnly: true });
        jobs += r.done;
        if (r.done === 0 && r.retried === 0) break;
      }
      const ms = performance.now() - t;
      ctx.log(`notify: ${label} ${String(round(ms))} ms (${String(jobs)} jobs)`);
      return { ms, jobs };
    };

    const t0 = performance.now();
    await recordMovements(db, shop.vendorId, [{ id: uuidv7(), variantId, kind: 'receive', quantity: 24, occurredAt: new Date() }]);
    const restockMs = performance.now() - t0;
    ctx.log(`notify: restock transaction ${String(round(restockMs))} ms`);
    const fanout = await stage('fan-out to the notify queue', (r) => registerBackInStockFanout(r, db));
    const deliver = await stage(`delivery on ${channels.map((c) => c.name).join(', ')}`, (r) => registerNotifyJobs(r, db, env, channels));
    const emails = await stage('email.send to the mail transport', (r) => registerEmailJobs(r, db, { transport: fileTransport(mail), from: 'no-reply@bench.test' }));
    const p = await progress(db);
    const files = readdirSync(mail).length;
    const perSecond = (ms: number) => (ms > 0 ? round(SUBSCRIBERS / (ms / 1000), 0) : 0);
    const deliveredMs = restockMs + fanout.ms + deliver.ms;
    const allMs = deliveredMs + emails.ms;
    return {
      budgets: [
        budget('notify: 10k back-in-stock subscribers, restock to every notification delivered', perSecond(deliveredMs), 'per s', 'min', RATE_BUDGET),
        budget('notify: … and every email handed to the mail transport', perSecond(allMs), 'per s', 'min', RATE_BUDGET),
      ],
      metrics: {
        subscribers: SUBSCRIBERS,
        channels: channels.map((c) => c.name),
        restockTransactionMs: round(restockMs),
        stagesMs: { fanout: round(fanout.ms), deliver: round(deliver.ms), emailSend: round(emails.ms) },
        stagePerSecond: { fanout: perSecond(fanout.ms), deliver: perSecond(deliver.ms), emailSend: perSecond(emails.ms) },
        jobs: { fanout: fanout.jobs, deliver: deliver.jobs, emailSend: emails.jobs },
        deliveredPerSecond: perSecond(deliveredMs),
        endToEndPerSecond: perSecond(allMs),
        final: { ...p, emailFiles: files },
      },
    };
  } finally {
    await database.close();
    await bench.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const section: BenchSection = { name: 'notify', order: 27, run };
