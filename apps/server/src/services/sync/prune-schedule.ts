import type { Db } from '../../db/client';
import { startPeriodicJob, type PeriodicJob } from '../periodic';
import { pruneChangeLog } from './prune';

export interface ChangeLogPrunerOptions {
  /** change rows older than this are removed; counters further behind re-bootstrap (DESIGN §4) */
  retentionMs: number;
  /** how often to prune; the first run is at start */
  intervalMs?: number;
  now?: () => number;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export type ChangeLogPruner = PeriodicJob<number>;

const HOUR_MS = 3_600_000;

/**
 * Keeps the change feed from growing forever: prunes at start and then every hour. A failed run is logged and
 * retried at the next interval; it never stops the server. stop() waits for a run in progress.
 */
export function startChangeLogPruner(db: Db, opts: ChangeLogPrunerOptions): ChangeLogPruner {
  const now = opts.now ?? Date.now;
  return startPeriodicJob(() => pruneChangeLog(db, new Date(now() - opts.retentionMs)), {
    intervalMs: opts.intervalMs ?? HOUR_MS,
    onResult: (removed) => {
      if (removed > 0) opts.log?.info({ removed }, 'pruned the change log');
    },
    onError: (err) => opts.log?.error({ err }, 'pruning the change log failed; retrying later'),
  });
}
