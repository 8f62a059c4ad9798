import { EventEmitter } from 'node:events';
import { AppError } from '@makeries/shared';
import type { CoreContext } from '../../context';
import { writeTx } from '../../db/open';
import { notFound, parseInput } from '../../errors';
import type { RefundView } from '../../refunds/refunds';
import type { SaleView } from '../../sales/views';
import { isManager, requireStaff } from '../../staff/auth';
import { backoffDelay } from '../../sync/backoff';
import type { Timers } from '../../sync/timers';
import { createDrawer } from '../drawer/drawer';
import type { TransportOptions } from '../transports/index';
import type { JobDocuments, ReceiptSettings } from './documents';
import {
  openDrawerInput,
  printerIdInput,
  refundIdInput,
  saleIdInput,
  shiftReportInput,
  webOrderIdInput,
  type AddPrinterInput,
  type ListJobsInput,
  type UpdatePrinterInput,
} from './inputs';
import { createJobStore, type NewPrintJob, type PrintJobView } from './jobs';
import { createPrinterStore, printerFor, requirePrinter, type PrinterRow } from './printers';
import { createPrintWorkers } from './worker';

export interface PrintingOptions {
  /** socket timeouts, a serial binding (tests inject MockBinding), the `lp` environment */
  transports?: TransportOptions;
  /** delay before retry number `attempt`; default exponential from 1 s, full jitter, capped at 60 s */
  backoff?: (attempt: number) => number;
  timers?: Timers;
  /** the receipt's QR server, store address and footer, locale (not in the counter database) */
  receipts?: ReceiptSettings;
  /** unexpected errors in the background (a worker iteration, a drawer kick that could not be queued) */
  onError?: (error: unknown, where: string) => void;
}

/** What a print request answers: the job, and whether this call queued it or it was already there. */
export interface QueuedPrint {
  job: PrintJobView;
  created: boolean;
}

export interface PrintingEventMap {
  job: [PrintJobView];
}

/**
 * Printers, the durable print queue and the cash drawer (DESIGN §5). Jobs are rendered when queued and
 * stored with their bytes; workers (started with `start()`) print them. Nothing here can fail a sale: the
 * drawer kick is queued in the sale's transaction but inside its own savepoint, and printing happens later.
 */
export function createPrintingModule(ctx: CoreContext, documents: JobDocuments, opts: PrintingOptions = {}) {
  const onError = opts.onError ?? (() => {});
  const events = new EventEmitter<PrintingEventMap>();
  events.setMaxListeners(0);
  const store = createPrinterStore(ctx);
  const jobs = createJobStore(ctx);
  const drawer = createDrawer(ctx, jobs);
  const announce = (jobId: string) => {
    if (events.listenerCount('job') === 0 || !ctx.sqlite.open) return;
    try {
      events.emit('job', jobs.view(jobId));
    } catch {
      // the job went with its printer; nobody needs to hear about it
    }
  };
  const workers = createPrintWorkers({
    ctx,
    jobs,
    transports: opts.transports ?? {},
    backoff: opts.backoff ?? ((attempt) => backoffDelay(attempt, Math.random)),
    announce,
    onError: (e) => onError(e, 'print worker'),
    ...(opts.timers ? { timers: opts.timers } : {}),
  });

  /** After a commit: tell the screens and the printer's worker. */
  const queued = (result: QueuedPrint | PrintJobView | null): void => {
    const job = result && 'job' in result ? result.job : result;
    if (!job) return;
    announce(job.id);
    workers.wake(job.printerId);
  };

  const requireManager = () => {
    const staff = requireStaff(ctx);
    if (!isManager(staff.role)) throw new AppError('FORBIDDEN', 'Only a manager or owner can change printers. Ask a manager to sign in.');
  };

  const enqueue = (job: NewPrintJob): QueuedPrint => {
    const result = jobs.insert(job);
    queued(result);
    return result;
  };

  const receiptPrinter = (): PrinterRow => {
    const p = printerFor(ctx, 'receipt');
    if (!p) throw notFound('No receipt printer is set up. Add one in Settings → Printers.');
    return p;
  };

  /** Runs `fn` in a savepoint; a failure is reported and rolled back, never passed on to the caller's write. */
  const bestEffort = <T>(where: string, fn: () => T): T | null => {
    try {
      return writeTx(ctx.db, fn);
    } catch (e) {
      onError(e, where);
      return null;
    }
  };

  /** A no-sale (`record` is the shifts module's audited noSale) with its own drawer kick, in one transaction. */
  const withNoSaleKick = <T extends { eventId: string }>(record: () => T): T & { job: PrintJobView | null } => {
    const { result, kick } = writeTx(ctx.db, () => {
      const r = record();
      return { result: r, kick: bestEffort('drawer kick for a no-sale', () => drawer.forNoSale(r.eventId)) };
    });
    queued(kick);
    return { ...result, job: kick };
  };

  return {
    printers: {
      list: (): PrinterRow[] => {
        requireStaff(ctx);
        return store.list();
      },
      add(input: AddPrinterInput): PrinterRow {
        requireManager();
        const p = store.add(input);
        workers.wake(p.id);
        return p;
      },
      update(input: UpdatePrinterInput): PrinterRow {
        requireManager();
        const p = store.update(input);
        workers.wake(p.id);
        return p;
      },
      remove(input: { printerId: string }): { removed: true } {
        requireManager();
        const r = store.remove(input);
        workers.wake(input.printerId);
        return r;
      },
    },

    jobs(input?: ListJobsInput): PrintJobView[] {
      requireStaff(ctx);
      return jobs.list(input);
    },

    /** Staff: try again now (backoff reset), also for a job that failed for good. */
    retry(input: { jobId: string }): PrintJobView {
      requireStaff(ctx);
      const job = jobs.retry(input);
      queued(job);
      return job;
    },

    cancel(input: { jobId: string }): PrintJobView {
      requireStaff(ctx);
      const job = jobs.cancel(input);
      announce(job.id);
      return job;
    },

    /** A test page from settings: proves the connection, paper width and code page. */
    testPrint(input: { printerId: string }): QueuedPrint {
      const { printerId } = parseInput(printerIdInput, input);
      requireStaff(ctx);
      const printer = requirePrinter(ctx, printerId);
      return enqueue({ printerId, kind: 'test', ref: null, dedupeKey: null, payload: documents.testPage(printer) });
    },

    /** The receipt exactly as the printer gets it (address, QR, discounts), for the preview on screen. */
    receiptDocument(input: { saleId: string }) {
      const { saleId } = parseInput(saleIdInput, input);
      requireStaff(ctx);
      return documents.saleReceipt(saleId);
    },

    /** The sale's receipt, once: asking again answers the same job (a second copy is `reprint`). */
    printReceipt(input: { saleId: string }): QueuedPrint {
      const { saleId } = parseInput(saleIdInput, input);
      requireStaff(ctx);
      const printer = receiptPrinter();
      const payload = documents.receipt(printer, saleId, false);
      return enqueue({ printerId: printer.id, kind: 'receipt', ref: saleId, dedupeKey: `receipt:sale:${saleId}`, payload });
    },

    /** Another copy, marked REPRINT, every time it is asked for. */
    reprint(input: { saleId: string }): QueuedPrint {
      const { saleId } = parseInput(saleIdInput, input);
      requireStaff(ctx);
      const printer = receiptPrinter();
      return enqueue({ printerId: printer.id, kind: 'reprint', ref: saleId, dedupeKey: null, payload: documents.receipt(printer, saleId, true) });
    },

    printRefund(input: { refundId: string }): QueuedPrint {
      const { refundId } = parseInput(refundIdInput, input);
      requireStaff(ctx);
      const printer = receiptPrinter();
      return enqueue({ printerId: printer.id, kind: 'refund', ref: refundId, dedupeKey: `refund:${refundId}`, payload: documents.refund(printer, refundId) });
    },

    /** The kitchen/pickup ticket of a web order, once (on the kitchen printer, else the receipt printer). */
    printKitchenTicket(input: { webOrderId: string }): QueuedPrint {
      const { webOrderId } = parseInput(webOrderIdInput, input);
      requireStaff(ctx);
      const printer = printerFor(ctx, 'kitchen');
      if (!printer) throw notFound('No printer is set up for tickets. Add one in Settings → Printers.');
      const payload = documents.kitchen(printer, webOrderId);
      return enqueue({ printerId: printer.id, kind: 'kitchen', ref: webOrderId, dedupeKey: `kitchen:${webOrderId}`, payload });
    },

    printShiftReport(input: { shiftId: string; kind: 'x' | 'z' }): QueuedPrint {
      const { shiftId, kind } = parseInput(shiftReportInput, input);
      requireStaff(ctx);
      const printer = receiptPrinter();
      return enqueue({ printerId: printer.id, kind: 'shift_report', ref: shiftId, dedupeKey: null, payload: documents.shiftReport(printer, shiftId, kind) });
    },

    /**
     * Completes a sale (`complete` is the sales module's) and, for a cash sale, queues the drawer kick in the
     * same transaction, so the kick exists exactly when the sale does. No printer, or a kick that cannot be
     * queued, never stops the sale.
     */
    completeSale: (complete: () => SaleView): SaleView => {
      const { sale, kick } = writeTx(ctx.db, () => {
        const s = complete();
        return { sale: s, kick: bestEffort('drawer kick for a sale', () => drawer.forSale(s)) };
      });
      queued(kick);
      return sale;
    },

    noSale: withNoSaleKick,

    /**
     * Called by the refunds module inside a refund's transaction: a cash refund queues its drawer kick there
     * (in a savepoint, so it never stops the refund), so the kick exists exactly when the refund does. The
     * screens and the worker hear of it once the transaction has committed.
     */
    refundRecorded: (refund: Pick<RefundView, 'id' | 'tender'>): void => {
      const kick = bestEffort('drawer kick for a refund', () => drawer.forRefund(refund));
      if (kick) queueMicrotask(() => queued(kick));
    },

    /** Checks a drawer is wired before `record` writes the audited no-sale, so a refusal writes nothing. */
    openDrawer: <T extends { eventId: string }>(input: { reason: string }, record: (input: { reason: string }) => T): T & { job: PrintJobView | null } => {
      const p = parseInput(openDrawerInput, input);
      requireStaff(ctx);
      if (!drawer.printer()) throw notFound('No printer with a cash drawer is set up. Turn on "Cash drawer" for the receipt printer in Settings → Printers.');
      return withNoSaleKick(() => record(p));
    },

    /** Starts the print workers (jobs a crash left half-printed are settled first: see recovery.ts). */
    start: (): void => workers.start(),
    stop: (): Promise<void> => workers.stop(),
    running: (): boolean => workers.running,

    /** Every job change from now on (queued, printing, printed, failed, cancelled). */
    onChange(listener: (job: PrintJobView) => void): () => void {
      events.on('job', listener);
      return () => events.off('job', listener);
    },
  };
}
