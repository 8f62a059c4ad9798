import { and, asc, desc, eq, inArray, lte, min, sql, type SQL } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { uuidv7 } from '@makeries/shared';
import { isoAt, type CoreContext } from '../../context';
import { writeTx } from '../../db/open';
import { printers, printJobs } from '../../db/schema/index';
import { conflict, notFound, parseInput } from '../../errors';
import { jobIdInput, listJobsInput, type ListJobsInput } from './inputs';
import { recoverInterrupted } from './recovery';

export type PrintJobRow = typeof printJobs.$inferSelect;
type PrintJobKind = PrintJobRow['kind'];
export type PrintJobState = PrintJobRow['state'];

/** A job as the queue screen shows it: no payload, but its size and the printer's name. */
export interface PrintJobView extends Omit<PrintJobRow, 'payload'> {
  printerName: string;
  bytes: number;
}

export interface NewPrintJob {
  printerId: string;
  kind: PrintJobKind;
  ref: string | null;
  /** same key → the same job, however often it is asked for (receipt of sale X, drawer of sale X) */
  dedupeKey: string | null;
  payload: Buffer;
}

const viewColumns = {
  id: printJobs.id,
  printerId: printJobs.printerId,
  kind: printJobs.kind,
  ref: printJobs.ref,
  dedupeKey: printJobs.dedupeKey,
  state: printJobs.state,
  attempts: printJobs.attempts,
  nextAttemptAt: printJobs.nextAttemptAt,
  lastError: printJobs.lastError,
  createdBy: printJobs.createdBy,
  createdAt: printJobs.createdAt,
  updatedAt: printJobs.updatedAt,
  printedAt: printJobs.printedAt,
  printerName: printers.name,
  bytes: sql<number>`length(${printJobs.payload})`,
};

/** Why retry or cancel cannot touch a job in `state`. */
function refusal(state: PrintJobState, printing: string, otherwise: string): string {
  if (state === 'printing') return printing;
  if (state === 'unconfirmed') return 'That drawer kick may already have opened the drawer, so it is not sent again. Use No sale to open the drawer.';
  return otherwise;
}

/** The print_jobs table: every state change is one UPDATE guarded by the state it expects to leave. */
export function createJobStore(ctx: CoreContext) {
  const db = ctx.db;
  const at = () => isoAt(ctx.now());

  const views = (where: SQL | undefined, limit: number): PrintJobView[] =>
    db
      .select(viewColumns)
      .from(printJobs)
      .innerJoin(printers, eq(printers.id, printJobs.printerId))
      .where(where)
      .orderBy(desc(printJobs.createdAt), desc(printJobs.id))
      .limit(limit)
      .all();

  const view = (id: string): PrintJobView => {
    const v = views(eq(printJobs.id, id), 1)[0];
    if (!v) throw notFound('That print job is not in the queue (its printer may have been removed).');
    return v;
  };

  const setState = (id: string, from: readonly PrintJobState[], values: SQLiteUpdateSetSource<typeof printJobs>): boolean =>
    db
      .update(printJobs)
      .set({ ...values, updatedAt: at() })
      .where(and(eq(printJobs.id, id), inArray(printJobs.state, [...from])))
      .run().changes === 1;

  return {
    view,
    list(input?: ListJobsInput): PrintJobView[] {
      const p = parseInput(listJobsInput, input);
      const where = and(p.printerId ? eq(printJobs.printerId, p.printerId) : undefined, p.states ? inArray(printJobs.state, p.states) : undefined);
      return views(where, p.limit);
    },

    /** Queues a job due now, or answers the existing one with the same dedupe key (`created: false`). */
    insert(job: NewPrintJob): { job: PrintJobView; created: boolean } {
      return writeTx(db, () => {
        const now = at();
        const id = uuidv7(ctx.now());
        const inserted = db
          .insert(printJobs)
          .values({ ...job, id, state: 'queued', attempts: 0, nextAttemptAt: now, createdBy: ctx.session.current?.staffId ?? null, createdAt: now, updatedAt: now })
          .onConflictDoNothing({ target: printJobs.dedupeKey })
          .run();
        if (inserted.changes === 1) return { job: view(id), created: true };
        const existing = db.select({ id: printJobs.id }).from(printJobs).where(eq(printJobs.dedupeKey, job.dedupeKey ?? '')).get();
        if (!existing) throw conflict('The print job could not be queued. Try again.');
        return { job: view(existing.id), created: false };
      });
    },

    /** The oldest queued job of a printer that is due, with its bytes. */
    nextDue(printerId: string): PrintJobRow | undefined {
      return db
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.printerId, printerId), eq(printJobs.state, 'queued'), lte(printJobs.nextAttemptAt, at())))
        .orderBy(asc(printJobs.createdAt), asc(printJobs.id))
        .limit(1)
        .get();
    },

    /** When the printer's next queued job becomes due (ms), or null when nothing waits. */
    nextDueAt(printerId: string): number | null {
      const r = db
        .select({ t: min(printJobs.nextAttemptAt) })
        .from(printJobs)
        .where(and(eq(printJobs.printerId, printerId), eq(printJobs.state, 'queued')))
        .get();
      return r?.t ? Date.parse(r.t) : null;
    },

    claim: (id: string): boolean => setState(id, ['queued'], { state: 'printing' }),

    markPrinted: (id: string): boolean => setState(id, ['printing'], { state: 'printed', printedAt: at(), lastError: null, attempts: sql`${printJobs.attempts} + 1` }),

    /** Back to the queue after `delayMs` (retryable), or failed until staff press retry. */
    markFailed(id: string, message: string, retryable: boolean, delayMs: number): boolean {
      return setState(id, ['printing'], {
        state: retryable ? 'queued' : 'failed',
        lastError: message,
        attempts: sql`${printJobs.attempts} + 1`,
        nextAttemptAt: isoAt(ctx.now() + delayMs),
      });
    },

    /** The printer works again: everything else waiting for it is due now, oldest first. */
    makeDue(printerId: string): void {
      const now = at();
      db.update(printJobs)
        .set({ nextAttemptAt: now })
        .where(and(eq(printJobs.printerId, printerId), eq(printJobs.state, 'queued'), sql`${printJobs.nextAttemptAt} > ${now}`))
        .run();
    },

    /** Jobs a crash or restart left `printing`: kicks end unconfirmed, paper prints again marked COPY (recovery.ts). */
    recoverInterrupted: (): string[] => recoverInterrupted(ctx),

    retry(input: { jobId: string }): PrintJobView {
      const { jobId } = parseInput(jobIdInput, input);
      return writeTx(db, () => {
        const job = view(jobId);
        if (!setState(jobId, ['queued', 'failed'], { state: 'queued', nextAttemptAt: at() })) {
          throw conflict(refusal(job.state, 'That job is printing right now.', `That job is ${job.state}; use reprint for another copy.`), { state: job.state });
        }
        return view(jobId);
      });
    },

    cancel(input: { jobId: string }): PrintJobView {
      const { jobId } = parseInput(jobIdInput, input);
      return writeTx(db, () => {
        const job = view(jobId);
        if (!setState(jobId, ['queued', 'failed'], { state: 'cancelled' })) {
          throw conflict(refusal(job.state, 'That job is printing right now and cannot be stopped.', `That job is already ${job.state}.`), { state: job.state });
        }
        return view(jobId);
      });
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;
