import { and, eq } from 'drizzle-orm';
import { isoAt, type CoreContext } from '../../context';
import { writeTx } from '../../db/open';
import { printers, printJobs, refunds, sales } from '../../db/schema/index';
import { logActivity } from '../../staff/activity';
import { rowsToEscPos } from '../escpos/index';
import { paperSpec } from '../layout/index';
import { RowWriter } from '../layout/writer';
import { profileOf } from './documents';
import type { PrinterRow } from './printers';

/** What the activity log and the queue screen say about a kick a crash interrupted. */
const DRAWER_NOT_CONFIRMED = 'drawer kick not confirmed';
const UNCONFIRMED_MESSAGE = 'Drawer kick not confirmed: the counter stopped while sending it, so it is not sent again. If the drawer did not open, use No sale.';
const COPY_MESSAGE = 'Interrupted: the counter stopped while printing; printing again marked COPY';

/**
 * Printed above a document a crash may already have printed, so the second paper can never pass for a
 * second sale, refund or order. Fixed text (no time), so a job interrupted twice is marked once.
 */
function copyBanner(printer: PrinterRow): Buffer {
  const paper = paperSpec(printer.paperWidth);
  const w = new RowWriter(paper.columns, paper.dots, paper.qrCellSize);
  w.text('*** COPY ***', { align: 'center', bold: true, size: 'double' });
  w.text('May have printed already: the counter stopped while printing it.', { align: 'center', bold: true });
  w.rule('=');
  return rowsToEscPos({ ...paper, rows: w.rows }, profileOf(printer));
}

function withCopyBanner(printer: PrinterRow, payload: Buffer): Buffer {
  const banner = copyBanner(printer);
  return payload.subarray(0, banner.length).equals(banner) ? payload : Buffer.concat([banner, payload]);
}

/** The receipt number a kick was for, so the log names something staff can find ("A1-000042"). */
function kickFor(ctx: CoreContext, dedupeKey: string | null, ref: string | null): { for: string; number: string | null } {
  if (!ref || !dedupeKey) return { for: 'unknown', number: null };
  if (dedupeKey.startsWith('drawer:sale:')) {
    return { for: 'sale', number: ctx.db.select({ n: sales.number }).from(sales).where(eq(sales.id, ref)).get()?.n ?? null };
  }
  if (dedupeKey.startsWith('drawer:refund:')) {
    return { for: 'refund', number: ctx.db.select({ n: refunds.number }).from(refunds).where(eq(refunds.id, ref)).get()?.n ?? null };
  }
  return { for: 'no_sale', number: null };
}

type JobRow = typeof printJobs.$inferSelect;

/** Why a job's fate is unknown, and what happens to paper after it. */
interface Uncertainty {
  /** the drawer kick's message on the queue screen */
  kickMessage: string;
  /** the paper job's message on the queue screen */
  paperMessage: string;
  /** when the COPY goes out, and whether it waits for staff (a permanent failure) */
  nextAttemptAt: number;
  retryable: boolean;
  countAttempt: boolean;
}

/**
 * A job that may have reached the printer is never simply sent again:
 * - a drawer kick ends `unconfirmed` (never resent: a second kick opens the drawer with no sale) and is
 *   written to the activity log as "drawer kick not confirmed";
 * - anything on paper (receipt, refund, ticket, report) prints again under a COPY banner.
 * Call inside a write transaction, with the job still `printing`.
 */
function settleUncertain(ctx: CoreContext, job: JobRow, printer: PrinterRow, why: Uncertainty): void {
  const now = ctx.now();
  const guard = and(eq(printJobs.id, job.id), eq(printJobs.state, 'printing'));
  const attempts = why.countAttempt ? job.attempts + 1 : job.attempts;
  if (job.kind === 'drawer') {
    ctx.db.update(printJobs).set({ state: 'unconfirmed', attempts, lastError: why.kickMessage, updatedAt: isoAt(now) }).where(guard).run();
    const about = kickFor(ctx, job.dedupeKey, job.ref);
    logActivity(ctx.db, now, job.createdBy, 'drawer_unconfirmed', { message: DRAWER_NOT_CONFIRMED, jobId: job.id, printer: printer.name, ...about });
    return;
  }
  const payload = withCopyBanner(printer, job.payload);
  ctx.db
    .update(printJobs)
    .set({ state: why.retryable ? 'queued' : 'failed', payload, attempts, nextAttemptAt: isoAt(why.nextAttemptAt), lastError: why.paperMessage, updatedAt: isoAt(now) })
    .where(guard)
    .run();
}

/** Jobs a crash left `printing` may have reached the printer. Answers the ids of the jobs it changed. */
export function recoverInterrupted(ctx: CoreContext): string[] {
  return writeTx(ctx.db, () => {
    const stuck = ctx.db
      .select({ job: printJobs, printer: printers })
      .from(printJobs)
      .innerJoin(printers, eq(printers.id, printJobs.printerId))
      .where(eq(printJobs.state, 'printing'))
      .all();
    const crash = { kickMessage: UNCONFIRMED_MESSAGE, paperMessage: COPY_MESSAGE, nextAttemptAt: ctx.now(), retryable: true, countAttempt: false };
    for (const { job, printer } of stuck) settleUncertain(ctx, job, printer, crash);
    return stuck.map((s) => s.job.id);
  });
}

/** A send that failed after bytes went out (reset or timeout mid-job): settled like a crash, with backoff. */
export function failedAfterSending(ctx: CoreContext, jobId: string, failure: { message: string; retryable: boolean }, delayMs: number): void {
  writeTx(ctx.db, () => {
    const row = ctx.db
      .select({ job: printJobs, printer: printers })
      .from(printJobs)
      .innerJoin(printers, eq(printers.id, printJobs.printerId))
      .where(and(eq(printJobs.id, jobId), eq(printJobs.state, 'printing')))
      .get();
    if (!row) return;
    settleUncertain(ctx, row.job, row.printer, {
      kickMessage: `Drawer kick not confirmed (${failure.message}), so it is not sent again. If the drawer did not open, use No sale.`,
      paperMessage: `${failure.message}; may have printed, so it prints again marked COPY`,
      nextAttemptAt: ctx.now() + delayMs,
      retryable: failure.retryable,
      countAttempt: true,
    });
  });
}
