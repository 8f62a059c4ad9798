import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobSchedules } from '../db/schema/index';

/**
 * Claims the current due time of a periodic task: the schedule row is locked with `FOR UPDATE SKIP LOCKED` and its
 * `next_run_at` moved one interval past `now` in the same transaction, so of several server instances exactly one
 * gets true for each due time. A task never seen before is due at once.
 */
export async function claimDueTime(db: Db, name: string, everyMs: number, now: Date): Promise<boolean> {
  await db.insert(jobSchedules).values({ name, nextRunAt: now, updatedAt: now }).onConflictDoNothing({ target: jobSchedules.name });
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ name: jobSchedules.name })
      .from(jobSchedules)
      .where(and(eq(jobSchedules.name, name), lte(jobSchedules.nextRunAt, now)))
      .for('update', { skipLocked: true });
    if (!due) return false;
    await tx
      .update(jobSchedules)
      .set({ nextRunAt: new Date(now.getTime() + everyMs), lastRunAt: now, updatedAt: now })
      .where(eq(jobSchedules.name, name));
    return true;
  });
}

/** Keeps the last failure of a periodic task visible (null after a run that worked). */
export async function recordRunOutcome(db: Db, name: string, error: string | null, now: Date): Promise<void> {
  await db
    .update(jobSchedules)
    .set({ lastError: error?.slice(0, 2000) ?? null, updatedAt: now })
    .where(eq(jobSchedules.name, name));
}
