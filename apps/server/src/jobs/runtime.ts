import type { Db } from '../db/client';
import { backoffMs, claimJob, deleteFinishedJobs, markDone, markFailed, type JobRow } from './queue';
import { claimDueTime, recordRunOutcome } from './schedule';
import { onWake } from './wake';

/** `now` is the runtime's clock (injected in tests), for anything the handler schedules or stamps. */
type JobHandler = (job: JobRow, ctx: { now: Date }) => Promise<void>;

interface JobKindOptions {
  /** attempts before the job is dead (`failed`); overrides the job row's `max_attempts` (set by enqueue, default 8) */
  maxAttempts?: number;
  /** wait before attempt n+1 after n failed ones; the default doubles from 2 s up to 10 min */
  backoffMs?: (attempts: number) => number;
  /**
   * run only when no other job is due (copying photos after an import): a backlog of slow background work never
   * holds up the jobs people wait for (a stock change reaching the storefront, an email)
   */
  background?: boolean;
}

/** Thrown by a handler when retrying cannot help: the job is dead at once. */
export class PermanentJobError extends Error {}

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface TickSummary {
  done: number;
  retried: number;
  failed: number;
  /** periodic tasks this instance ran in this tick */
  periodic: string[];
}

export interface JobRuntime {
  /** One call per job kind; `enqueue(db, kind, key, payload)` (./queue) then queues work for it. */
  register(kind: string, handler: JobHandler, opts?: JobKindOptions): void;
  /** A periodic task, run by exactly one instance per due time (first due at once, then every `everyMs`). */
  every(name: string, everyMs: number, task: () => Promise<unknown>): void;
  /** One pass: the periodic tasks now due, then due jobs until none is left (or `limit`). Passes never overlap. */
  tick(opts?: { limit?: number; jobsOnly?: boolean }): Promise<TickSummary>;
  /** Ticks now and every `pollMs` (a timer that never keeps the process alive). */
  start(opts?: { pollMs?: number }): void;
  /** No more ticks; waits for the job in flight. */
  stop(): Promise<void>;
}

/** Finished jobs are deleted this long after they finished; dead ones stay until an operator retries them. */
export const DONE_RETENTION_MS = 7 * 86_400_000;
export const CLEANUP_TASK = 'jobs.cleanup';

/**
 * The server's one runtime for background work (DESIGN: README "Background jobs"). Jobs live in the `jobs` table
 * and periodic tasks in `job_schedules`, so any number of instances can run it against one database: each job
 * runs once (SKIP LOCKED claim plus a lease; a crash mid-job means one more run after the lease, so handlers are
 * idempotent), each periodic due time once. `now` is injectable so tests drive time without waiting.
 */
export function createJobRuntime(db: Db, opts: { now?: () => Date; log?: JobLog } = {}): JobRuntime {
  const now = opts.now ?? (() => new Date());
  const kinds = new Map<string, { handler: JobHandler; maxAttempts?: number; backoffMs: (attempts: number) => number; background: boolean }>();
  const periodic = new Map<string, { everyMs: number; task: () => Promise<unknown> }>();
  let running: Promise<TickSummary> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  async function runJob(job: JobRow, summary: TickSummary): Promise<void> {
    const kind = kinds.get(job.kind);
    if (!kind) return; // claimJob only hands out registered kinds
    try {
      await kind.handler(job, { now: now() });
      await markDone(db, job, now());
      summary.done++;
    } catch (err) {
      const maxAttempts = kind.maxAttempts ?? job.maxAttempts;
      const giveUp = err instanceof PermanentJobError || job.attempts >= maxAttempts;
      const error = err instanceof Error ? err.message : String(err);
      await markFailed(db, job, now(), { error, giveUp, retryInMs: kind.backoffMs(job.attempts), maxAttempts });
      if (giveUp) {
        summary.failed++;
        opts.log?.error({ jobId: job.id, kind: job.kind, key: job.key, attempts: job.attempts, err: error }, 'job failed for good (see jobs:failed)');
      } else summary.retried++;
    }
  }

  async function runPeriodic(name: string, summary: TickSummary): Promise<void> {
    const entry = periodic.get(name);
    if (!entry || !(await claimDueTime(db, name, entry.everyMs, now()))) return;
    summary.periodic.push(name);
    try {
      await entry.task();
      await recordRunOutcome(db, name, null, now());
    } catch (err) {
      opts.log?.error({ task: name, err }, 'periodic task failed; it runs again when next due');
      await recordRunOutcome(db, name, err instanceof Error ? err.message : String(err), now());
    }
  }

  async function pass(limit: number, jobsOnly: boolean): Promise<TickSummary> {
    const summary: TickSummary = { done: 0, retried: 0, failed: 0, periodic: [] };
    for (const name of jobsOnly ? [] : periodic.keys()) {
      if (stopped) return summary;
      await runPeriodic(name, summary);
    }
    const foreground = [...kinds].flatMap(([k, v]) => (v.background ? [] : [k]));
    const background = [...kinds].flatMap(([k, v]) => (v.background ? [k] : []));
    for (let i = 0; i < limit && !stopped; i++) {
      // after each job the foreground is asked first again, so a webhook stored meanwhile goes before the next photo
      const job = (await claimJob(db, foreground, now())) ?? (await claimJob(db, background, now()));
      if (!job) break;
      await runJob(job, summary);
    }
    return summary;
  }

  const runtime: JobRuntime = {
    register(kind, handler, o = {}) {
      if (kinds.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
      kinds.set(kind, { handler, ...(o.maxAttempts === undefined ? {} : { maxAttempts: o.maxAttempts }), backoffMs: o.backoffMs ?? backoffMs, background: o.background === true });
    },
    every(name, everyMs, task) {
      if (periodic.has(name)) throw new Error(`periodic task ${name} is registered twice`);
      periodic.set(name, { everyMs, task });
    },
    tick(o = {}) {
      running ??= pass(o.limit ?? 200, o.jobsOnly === true).finally(() => {
        running = null;
      });
      return running;
    },
    start(o = {}) {
      const beat = () => {
        if (!stopped) runtime.tick().catch((err: unknown) => opts.log?.error({ err }, 'job runtime pass failed; retrying at the next tick'));
      };
      timer = setInterval(beat, o.pollMs ?? 2_000);
      timer.unref();
      // woken by urgent work (jobs only; periodic tasks keep to the poll); woken while a pass runs: one more pass
      // right after it, so work queued meanwhile does not wait for the poll
      const jobsPass = () => {
        if (!stopped) runtime.tick({ jobsOnly: true }).catch((err: unknown) => opts.log?.error({ err }, 'job runtime pass failed; retrying at the next tick'));
      };
      let again = false;
      unsubscribe = onWake(() => {
        if (!running) {
          jobsPass();
          return;
        }
        if (again) return;
        again = true;
        void running.finally(() => {
          again = false;
          jobsPass();
        });
      });
      beat();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      unsubscribe?.();
      await running?.catch(() => undefined);
    },
  };
  // finished rows do not pile up: every instance registers the cleanup, one runs it per due time
  runtime.every(CLEANUP_TASK, 3_600_000, () => deleteFinishedJobs(db, new Date(now().getTime() - DONE_RETENTION_MS)));
  return runtime;
}
