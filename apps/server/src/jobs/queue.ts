import { uuidv7 } from '@makeries/shared';
import { and, asc, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { jobs } from '../db/schema/index';

export type JobRow = typeof jobs.$inferSelect;

/** How long a claimed job is ours; a server that dies mid-job releases it when the lease runs out. */
export const LEASE_MS = 120_000;
const DEFAULT_MAX_ATTEMPTS = 8;

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … up to 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

export interface EnqueueOptions {
  /** not before this time (default: now) */
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues a job once per key (an order's transfer, a Stripe event…); enqueueing the same key again does nothing
 * and returns false. Takes a transaction too: the job then exists exactly when the caller's change commits.
 */
export async function enqueue(db: DbOrTx, kind: string, key: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    // due now by the same (millisecond) clock the runtime claims with: Postgres' own now() has microseconds, so a
    // job claimed within the millisecond it was queued would otherwise look due a few microseconds in the future
    .values({ id: uuidv7(), kind, key, payload, maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, runAt: opts.runAt ?? new Date() })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Queues the job for `key` again from scratch (fresh attempts, due at `runAt`), or queues it when there is none: for
 * work whose input changed after it ran or died (a receipt re-sent to a corrected address). A run in flight of the
 * old version can no longer record its outcome.
 */
export async function requeue(db: DbOrTx, kind: string, key: string, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<void> {
  const runAt = opts.runAt ?? new Date();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  await db
    .insert(jobs)
    .values({ id: uuidv7(), kind, key, payload, maxAttempts, runAt })
    .onConflictDoUpdate({
      target: jobs.key,
      set: { kind, payload, maxAttempts, runAt, status: 'queued', attempts: 0, lockedUntil: null, lastError: null, updatedAt: runAt },
    });
}

/**
 * Claims one due job of the given kinds and counts the attempt. `FOR UPDATE SKIP LOCKED` lets several server
 * instances take different jobs at once and never the same one; the lease keeps it theirs while it runs.
 */
export async function claimJob(db: Db, kinds: string[], now: Date): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.status, 'queued'),
          sql`${jobs.kind} IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`,
          lte(jobs.runAt, now),
          or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now)),
        ),
      )
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

/** Only the claim that is still current may record an outcome (not one whose lease ran out and was re-claimed). */
const stillOurs = (job: JobRow) => and(eq(jobs.id, job.id), eq(jobs.status, 'queued'), eq(jobs.attempts, job.attempts));

export async function markDone(db: Db, job: JobRow, now: Date): Promise<void> {
  await db.update(jobs).set({ status: 'done', lockedUntil: null, lastError: null, updatedAt: now }).where(stillOurs(job));
}

/** A failed attempt: back to the queue after `retryInMs`, or `failed` (dead, kept for an operator) when `giveUp`; the row keeps the limit that applied. */
export async function markFailed(
  db: Db,
  job: JobRow,
  now: Date,
  opts: { error: string; giveUp: boolean; retryInMs: number; maxAttempts: number },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: opts.giveUp ? 'failed' : 'queued',
      maxAttempts: opts.maxAttempts,
      lockedUntil: null,
      runAt: new Date(now.getTime() + opts.retryInMs),
      lastError: opts.error.slice(0, 2000),
      updatedAt: now,
    })
    .where(stillOurs(job));
}

/** Dead jobs, newest first: what `pnpm --filter @makeries/server jobs:failed` lists. */
export async function listFailedJobs(db: Db, limit = 100): Promise<JobRow[]> {
  return db.select().from(jobs).where(eq(jobs.status, 'failed')).orderBy(desc(jobs.updatedAt)).limit(limit);
}

/** Gives a dead job a fresh set of attempts, due now. False when no failed job has that id. */
export async function retryFailedJob(db: Db, id: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: now, lockedUntil: null, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'failed')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Deletes finished (`done`) jobs last touched before `before`; dead jobs stay until retried. Returns the count. */
export async function deleteFinishedJobs(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.updatedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}
