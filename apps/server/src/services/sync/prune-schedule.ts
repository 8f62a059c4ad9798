import type { Db } from '../../db/client';
import type { JobLog, JobRuntime } from '../../jobs/runtime';
import { pruneChangeLog } from './prune';

export const PRUNE_TASK = 'sync.prune-change-log';
const HOUR_MS = 3_600_000;

/**
 * Keeps the change feed from growing forever: a periodic task on the job runtime, first due at start and then every
 * hour, run by one instance per due time. Change rows older than `retentionMs` go; counters further behind
 * re-bootstrap (DESIGN §4). A failed run is logged and runs again when next due.
 */
export function registerChangeLogPruning(runtime: JobRuntime, db: Db, opts: { retentionMs: number; everyMs?: number; now?: () => number; log?: JobLog }): void {
  const now = opts.now ?? Date.now;
  runtime.every(PRUNE_TASK, opts.everyMs ?? HOUR_MS, async () => {
    const removed = await pruneChangeLog(db, new Date(now() - opts.retentionMs));
    if (removed > 0) opts.log?.info({ removed }, 'pruned the change log');
  });
}
