import type { PosProvider } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posConnections, products } from '../../db/schema/index';
import type { Env } from '../../env';
import { backoffMs, enqueue } from '../../jobs/queue';
import { PermanentJobError, type JobLog, type JobRuntime } from '../../jobs/runtime';
import { CATALOG_JOB, FULL_COMPARE_JOB, STOCK_SWEEP_JOB, runCatalogSync, runFullCompare } from './catalog-sync';
import { BridgeInactive, connectionById, refreshConnection, setConnectionStatus } from './connections';
import { IMAGE_JOB, importImage } from './images';
import { IMPORT_APPLY_JOB, runImportApply } from './import-apply';
import { IMPORT_FETCH_JOB, runImportFetch } from './import-fetch';
import { ORDER_CLOSE_JOB, ORDER_PUSH_JOB, syncOrderToPos } from './order-push';
import { checkPosOrder, ORDER_STATUS_JOB } from './order-status';
import { sendPush } from './push';
import { PUSH_JOB } from './stock';
import { pullAllStock } from './stock-pull';
import { logSync } from './sync-log';
import { readStream, writeStream } from './sync-state';
import { PosError } from './types';
import { drainPosWebhooks, queueCatalogSync, queueStaleDrains, WEBHOOK_JOB } from './webhooks';

const SWEEP_EVERY_MS = 15 * 60_000;
const REFRESH_CHECK_EVERY_MS = 6 * 3_600_000;
const NIGHTLY_EVERY_MS = 24 * 3_600_000;
export const BRIDGE_TASKS = { sweep: 'pos.sweep', refresh: 'pos.refresh', nightly: 'pos.nightly' } as const;

/** The queue's backoff with ±20 % jitter (many shops hitting one POS outage do not retry in step); a POS's Retry-After is honoured when it is longer. */
function bridgeBackoff(attempts: number): number {
  return Math.round(backoffMs(attempts) * (0.8 + Math.random() * 0.4));
}

function str(payload: Record<string, unknown>, key: string): string {
  const v = payload[key];
  if (typeof v !== 'string') throw new Error(`job payload without ${key}`);
  return v;
}

async function activeConnections(db: Db): Promise<{ id: string }[]> {
  return db.select({ id: posConnections.id }).from(posConnections).where(eq(posConnections.status, 'connected'));
}

/** Keeps the failure in the sync log and the stream row, so the back office says what went wrong. */
async function noteFailure(db: Db, connectionId: string, what: string, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  await logSync(db, connectionId, e instanceof PosError && e.kind === 'rate_limited' ? 'warn' : 'error', `${what}: ${message}`);
}

/**
 * Every kind of POS bridge work on the server's job runtime (so several instances share it): the first import
 * (fetch, apply, photos), pushes, webhook processing, incremental catalog sync, order checks, and the periodic
 * sweeps — catalog and stock every 15 minutes, token refresh, the nightly full compare.
 */
export function registerBridgeJobs(runtime: JobRuntime, db: Db, env: Env, opts: { now?: () => Date; log?: JobLog } = {}): void {
  const now = opts.now ?? (() => new Date());
  /** the job's last attempt failed: for the import, the connection shows "error" with the reason until a retry */
  const stopImport = async (connectionId: string, what: string, e: unknown) => {
    const c = await connectionById(db, connectionId);
    const message = e instanceof Error ? e.message : String(e);
    if (c) await setConnectionStatus(db, c, 'error', `${what}: ${message} Retry it from the failed jobs below.`);
  };
  const guarded =
    (what: string, fn: (p: Record<string, unknown>, at: Date) => Promise<unknown>, o: { maxAttempts: number; import?: boolean } = { maxAttempts: Number.POSITIVE_INFINITY }) =>
    async (job: { payload: Record<string, unknown>; attempts: number }, ctx: { now: Date }) => {
      try {
        await fn(job.payload, ctx.now);
      } catch (e) {
        // a paused or revoked connection: the work waits for "Resume" (pushes stay owed), nothing to retry now
        if (e instanceof BridgeInactive) return;
        const id = job.payload.connectionId;
        if (typeof id === 'string') {
          await noteFailure(db, id, what, e);
          const last = job.attempts >= o.maxAttempts || (e instanceof PosError && e.kind === 'rejected');
          if (o.import && last) await stopImport(id, what, e);
        }
        // the POS refused the request itself: retrying the same request cannot help, it is listed for the owner
        if (e instanceof PosError && e.kind === 'rejected') throw new PermanentJobError(e.message);
        throw e;
      }
    };
  const o = { backoffMs: bridgeBackoff };

  runtime.register(
    IMPORT_FETCH_JOB,
    guarded(
      'Reading the catalog stopped',
      async (p) => {
        await runImportFetch(db, env, str(p, 'connectionId'), { now });
      },
      { maxAttempts: 10, import: true },
    ),
    { ...o, maxAttempts: 10 },
  );
  runtime.register(
    IMPORT_APPLY_JOB,
    guarded(
      'Importing stopped',
      async (p) => {
        await runImportApply(db, env, str(p, 'connectionId'), { now });
      },
      { maxAttempts: 10, import: true },
    ),
    { ...o, maxAttempts: 10 },
  );
  runtime.register(
    IMAGE_JOB,
    guarded('A photo could not be copied', async (p) => {
      const [row] = await db.select({ vendorId: products.vendorId }).from(products).where(eq(products.id, str(p, 'productId')));
      if (row) await importImage(db, env, { productId: str(p, 'productId'), url: str(p, 'url'), vendorId: row.vendorId });
    }),
    // thousands of photos after a first import must not hold up stock webhooks and pushes
    { ...o, maxAttempts: 5, background: true },
  );
  runtime.register(
    PUSH_JOB,
    guarded('A stock change is waiting to reach the point of sale', async (p, at) => {
      await sendPush(db, env, str(p, 'pushId'), at);
    }),
    { ...o, maxAttempts: 12 },
  );
  runtime.register(
    ORDER_PUSH_JOB,
    guarded('A web order is waiting to reach the point of sale', async (p, at) => {
      await syncOrderToPos(db, env, str(p, 'pushId'), at);
    }),
    { ...o, maxAttempts: 12 },
  );
  runtime.register(
    ORDER_CLOSE_JOB,
    guarded('The point of sale is waiting to hear that a web order was finished', async (p, at) => {
      await syncOrderToPos(db, env, str(p, 'pushId'), at);
    }),
    { ...o, maxAttempts: 12 },
  );
  runtime.register(
    WEBHOOK_JOB,
    async (job, ctx) => {
      const key = job.payload.connectionKey;
      await drainPosWebhooks(db, env, str(job.payload, 'provider') as PosProvider, typeof key === 'string' ? key : null, ctx.now);
    },
    o,
  );
  runtime.register(
    CATALOG_JOB,
    guarded('Catalog sync', async (p, at) => {
      await runCatalogSync(db, env, str(p, 'connectionId'), at);
    }),
    { ...o, maxAttempts: 6 },
  );
  runtime.register(
    STOCK_SWEEP_JOB,
    guarded('Stock check', async (p, at) => {
      await pullAllStock(db, env, str(p, 'connectionId'), at);
      await writeStream(db, str(p, 'connectionId'), 'stock', { lastSuccessAt: at, lastError: null });
    }),
    { ...o, maxAttempts: 4 },
  );
  runtime.register(
    FULL_COMPARE_JOB,
    guarded('Nightly check', async (p, at) => {
      await runFullCompare(db, env, str(p, 'connectionId'), at);
    }),
    { ...o, maxAttempts: 4 },
  );
  runtime.register(
    ORDER_STATUS_JOB,
    guarded('An order could not be followed', async (p, at) => {
      await checkPosOrder(db, env, str(p, 'connectionId'), str(p, 'extOrderId'), at);
    }),
    { ...o, maxAttempts: 8 },
  );

  runtime.every(BRIDGE_TASKS.sweep, SWEEP_EVERY_MS, async () => {
    const at = now();
    await queueStaleDrains(db, new Date(at.getTime() - 60_000));
    for (const c of await activeConnections(db)) {
      const imported = await readStream(db, c.id, 'import');
      if (imported?.phase !== 'done') continue;
      await queueCatalogSync(db, c.id, at, 0);
      await enqueue(db, STOCK_SWEEP_JOB, `pos.stock-sweep:${c.id}:${String(Math.floor(at.getTime() / SWEEP_EVERY_MS))}`, { connectionId: c.id });
    }
  });
  runtime.every(BRIDGE_TASKS.refresh, REFRESH_CHECK_EVERY_MS, async () => {
    for (const c of await activeConnections(db)) {
      try {
        await refreshConnection(db, env, c.id, { force: false, now: now() });
      } catch (e) {
        await noteFailure(db, c.id, 'Renewing the access failed', e);
      }
    }
  });
  runtime.every(BRIDGE_TASKS.nightly, NIGHTLY_EVERY_MS, async () => {
    const at = now();
    const day = at.toISOString().slice(0, 10);
    for (const c of await activeConnections(db)) {
      const imported = await readStream(db, c.id, 'import');
      if (imported?.phase === 'done') await enqueue(db, FULL_COMPARE_JOB, `pos.full-compare:${c.id}:${day}`, { connectionId: c.id });
    }
  });
}
