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
export const DRAWER_NOT_CONFIRMED = 'drawer kick not confirmed';
export const UNCONFIRMED_MESSAGE = 'Drawer kick not confirmed: the counter stopped while sending it, so it is not sent again. If the drawer did not open, use No sale.';
export const COPY_MESSAGE = 'Interrupted: the counter stopped while printing; printing again marked COPY';

/**
 * Printed above a document a crash may already have printed, so the second paper can never pass for a
 * second sale, refund or order. Fixed text (no time), so a job interrupted twice is marked once.
 */
export function copyBanner(printer: PrinterRow): Buffer {
  const paper = paperSpec(printer.paperWidth);
  const w = new RowWriter(paper.columns, paper.dots, paper.qrCellSize);
  w.text('*** COPY ***', { align: 'center', bold: true, size: 'double' });
  w.text('May have printed already: the counter stopped while printing it.', { align: 'center', bold: true });
  w.rule('=');
  return rowsToEscPos({ ...paper, rows: w.rows }, profileOf(printer));
}

export function withCopyBanner(printer: PrinterRow, payload: Buffer): Buffer {
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

/**
 * Jobs a crash left `printing` may have reached the printer, so none is simply sent again:
 * - a drawer kick ends `unconfirmed` (never resent: a second kick opens the drawer with no sale) and is
 *   written to the activity log as "drawer kick not confirmed";
 * - anything on paper (receipt, refund, ticket, report) prints again under a COPY banner.
 * Answers the ids of the jobs it changed.
 */
export function recoverInterrupted(ctx: CoreContext): string[] {
  return writeTx(ctx.db, () => {
    const now = ctx.now();
    const stuck = ctx.db
      .select({ job: printJobs, printer: printers })
      .from(printJobs)
      .innerJoin(printers, eq(printers.id, printJobs.printerId))
      .where(eq(printJobs.state, 'printing'))
      .all();
    for (const { job, printer } of stuck) {
      const guard = and(eq(printJobs.id, job.id), eq(printJobs.state, 'printing'));
      if (job.kind === 'drawer') {
        ctx.db.update(printJobs).set({ state: 'unconfirmed', lastError: UNCONFIRMED_MESSAGE, updatedAt: isoAt(now) }).where(guard).run();
        const about = kickFor(ctx, job.dedupeKey, job.ref);
        logActivity(ctx.db, now, job.createdBy, 'drawer_unconfirmed', { message: DRAWER_NOT_CONFIRMED, jobId: job.id, printer: printer.name, ...about });
      } else {
        const payload = withCopyBanner(printer, job.payload);
        ctx.db.update(printJobs).set({ state: 'queued', payload, nextAttemptAt: isoAt(now), lastError: COPY_MESSAGE, updatedAt: isoAt(now) }).where(guard).run();
      }
    }
    return stuck.map((s) => s.job.id);
  });
}
