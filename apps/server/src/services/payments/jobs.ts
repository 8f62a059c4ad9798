import { uuidv7 } from '@makeries/shared';
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { jobs } from '../../db/schema/index';

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (job: JobRow) => Promise<void>;

/** How long a claimed job is ours; a worker that dies mid-job releases it when the lease runs out. */
const LEASE_MS = 120_000;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … up to 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

/** Queues a job once per key (an order's transfer, a Stripe event…); enqueueing the same key again does nothing. */
export async function enqueueJob(db: DbOrTx, kind: string, key: string, payload: Record<string, unknown>, opts: { maxAttempts?: number } = {}): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    // due now by the same (millisecond) clock the worker claims with: Postgres' own now() has microseconds, so a job
    // claimed within the millisecond it was queued would otherwise look due a few microseconds in the future
    .values({ id: uuidv7(), kind, key, payload, maxAttempts: opts.maxAttempts ?? 8, runAt: new Date() })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Claims one due job. `SKIP LOCKED` lets several workers (server instances) take different jobs at once. */
async function claim(db: Db, now: Date): Promise<JobRow | null> {
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, 'queued'), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
      .orderBy(asc(jobs.runAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return null;
    const [claimed] = await tx
      .update(jobs)
      .set({ attempts: sql`${jobs.attempts} + 1`, lockedUntil: new Date(now.getTime() + LEASE_MS), updatedAt: now })
      .where(eq(jobs.id, due.id))
      .returning();
    return claimed ?? null;
  });
}

export interface RunSummary {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Runs due jobs until none is left (or `limit`). A handler error schedules a retry with backoff; after
 * `maxAttempts` the job is marked failed and kept for an operator to look at.
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, opts: { limit?: number; now?: () => Date } = {}): Promise<RunSummary> {
  const summary: RunSummary = { done: 0, retried: 0, failed: 0 };
  const clock = opts.now ?? (() => new Date());
  for (let i = 0; i < (opts.limit ?? 200); i++) {
    const job = await claim(db, clock());
    if (!job) break;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job);
      await db.update(jobs).set({ status: 'done', lockedUntil: null, lastError: null, updatedAt: new Date() }).where(eq(jobs.id, job.id));
      summary.done++;
    } catch (err) {
      const gaveUp = job.attempts >= job.maxAttempts;
      await db
        .update(jobs)
        .set({
          status: gaveUp ? 'failed' : 'queued',
          lockedUntil: null,
          runAt: new Date(clock().getTime() + backoffMs(job.attempts)),
          lastError: err instanceof Error ? err.message : String(err),
          updatedAt: new Date(),
        })
        .where(eq(jobs.id, job.id));
      if (gaveUp) summary.failed++;
      else summary.retried++;
    }
  }
  return summary;
}
