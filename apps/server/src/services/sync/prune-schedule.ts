import type { Db } from '../../db/client';
import { pruneChangeLog } from './prune';

export interface ChangeLogPrunerOptions {
  /** change rows older than this are removed; counters further behind re-bootstrap (DESIGN §4) */
  retentionMs: number;
  /** how often to prune; the first run is at start */
  intervalMs?: number;
  now?: () => number;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface ChangeLogPruner {
  /** one prune now; resolves with the rows removed */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Keeps the change feed from growing forever: prunes at start and then every hour. A failed run is logged and
 * retried at the next interval; it never stops the server. stop() waits for a run in progress.
 */
export function startChangeLogPruner(db: Db, opts: ChangeLogPrunerOptions): ChangeLogPruner {
  const now = opts.now ?? Date.now;
  let running: Promise<number> | null = null;
  let stopped = false;
  const runOnce = (): Promise<number> => {
    running ??= pruneChangeLog(db, new Date(now() - opts.retentionMs))
      .then((removed) => {
        if (removed > 0) opts.log?.info({ removed }, 'pruned the change log');
        return removed;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runOnce().catch((err: unknown) => opts.log?.error({ err }, 'pruning the change log failed; retrying later'));
  };
  const timer = setInterval(tick, opts.intervalMs ?? HOUR_MS);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
