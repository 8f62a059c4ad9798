import type { CoreContext } from '../../context';
import { realTimers, type Timers } from '../../sync/timers';
import { describeFailure, openTransport, type PrintTransport, type TransportOptions } from '../transports/index';
import type { JobStore } from './jobs';
import { failedAfterSending } from './recovery';
import { printerById, listPrinters, type PrinterRow } from './printers';

export interface WorkerDeps {
  ctx: CoreContext;
  jobs: JobStore;
  transports: TransportOptions;
  /** delay before retry number `attempt` (1 = after the first failure) */
  backoff: (attempt: number) => number;
  /** a job changed state (claimed, printed, failed, back in the queue) */
  announce: (jobId: string) => void;
  /** something unexpected (not a printer failure) broke an iteration; the worker carries on */
  onError: (error: unknown) => void;
  timers?: Timers;
}

/** A sleeping worker re-checks at least this often, so a clock change or a missed wake costs at most a minute. */
const MAX_SLEEP_MS = 60_000;

interface Loop {
  wake(): void;
  done: Promise<void>;
}

/**
 * One worker per printer, each printing its queue oldest job first, one job at a time. A worker sleeps until
 * its next job is due or it is woken (new job, retry, printer changed); it ends when its printer is removed.
 * Failures go back to the queue with backoff; one success makes the printer's other waiting jobs due at once.
 */
export function createPrintWorkers(deps: WorkerDeps) {
  const { ctx, jobs } = deps;
  const timers = deps.timers ?? realTimers;
  const loops = new Map<string, Loop>();
  const transports = new Map<string, { key: string; transport: PrintTransport }>();
  let stopping: AbortController | null = null;

  const transportFor = (p: PrinterRow): PrintTransport => {
    const key = `${p.transport}|${p.commandSet}`;
    const cached = transports.get(p.id);
    if (cached?.key === key) return cached.transport;
    const transport = openTransport(p.transport, p.commandSet, deps.transports);
    transports.set(p.id, { key, transport });
    return transport;
  };

  async function printOne(printer: PrinterRow): Promise<'printed' | 'idle'> {
    const job = jobs.nextDue(printer.id);
    if (!job || !jobs.claim(job.id)) return 'idle';
    deps.announce(job.id);
    try {
      await transportFor(printer).send(job.payload);
      if (!ctx.sqlite.open) return 'idle';
      jobs.markPrinted(job.id);
      jobs.makeDue(printer.id);
    } catch (e) {
      if (!ctx.sqlite.open) return 'idle';
      const f = describeFailure(e);
      if (f.mayHaveSent) failedAfterSending(ctx, job.id, f, deps.backoff(job.attempts + 1));
      else jobs.markFailed(job.id, f.message, f.retryable, deps.backoff(job.attempts + 1));
    }
    deps.announce(job.id);
    return 'printed';
  }

  function runLoop(printerId: string, signal: AbortSignal): Loop {
    let pendingWake = false;
    let wakeSleeper: (() => void) | null = null;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        if (pendingWake || signal.aborted) {
          pendingWake = false;
          resolve(); return;
        }
        const done = () => {
          timers.clearTimeout(handle);
          signal.removeEventListener('abort', done);
          wakeSleeper = null;
          resolve();
        };
        const handle = timers.setTimeout(done, Math.max(0, Math.min(ms, MAX_SLEEP_MS)));
        wakeSleeper = done;
        signal.addEventListener('abort', done, { once: true });
      });

    const run = async () => {
      while (!signal.aborted && ctx.sqlite.open) {
        try {
          const printer = printerById(ctx, printerId);
          if (!printer) return;
          if (printer.enabled && (await printOne(printer)) === 'printed') continue;
          const due = printer.enabled ? jobs.nextDueAt(printerId) : null;
          await sleep(due === null ? MAX_SLEEP_MS : due - ctx.now());
        } catch (e) {
          if (!ctx.sqlite.open) return;
          deps.onError(e);
          await sleep(1_000);
        }
      }
    };
    const done = run().finally(() => loops.delete(printerId));
    return {
      wake() {
        if (wakeSleeper) wakeSleeper();
        else pendingWake = true;
      },
      done,
    };
  }

  const ensure = (printerId: string): void => {
    if (!stopping || stopping.signal.aborted) return;
    const loop = loops.get(printerId);
    if (loop) loop.wake();
    else loops.set(printerId, runLoop(printerId, stopping.signal));
  };

  return {
    get running(): boolean {
      return stopping !== null && !stopping.signal.aborted;
    },

    /** Settles jobs a crash left `printing` (kicks unconfirmed, paper as a COPY), then starts a worker per printer. */
    start(): void {
      if (stopping && !stopping.signal.aborted) return;
      stopping = new AbortController();
      for (const id of jobs.recoverInterrupted()) deps.announce(id);
      for (const p of listPrinters(ctx)) ensure(p.id);
    },

    /** A printer's queue or settings changed: its worker looks again now (started if it had none). */
    wake(printerId: string): void {
      ensure(printerId);
    },

    /** Stops every worker, waiting for a job being sent to finish (bounded by the transport's timeouts). */
    async stop(): Promise<void> {
      if (!stopping) return;
      stopping.abort();
      await Promise.all([...loops.values()].map((l) => l.done));
      transports.clear();
    },
  };
}
