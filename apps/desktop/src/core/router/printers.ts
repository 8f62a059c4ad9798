import {
  addPrinterInput,
  jobIdInput,
  listJobsInput,
  openDrawerInput,
  printerIdInput,
  refundIdInput,
  saleIdInput,
  shiftReportInput,
  updatePrinterInput,
  webOrderIdInput,
} from '../printing/queue/inputs';
import { managerProcedure, queuedProcedure, router, staffProcedure } from './trpc';

/**
 * Settings → Printers, the print queue screen and every "print" button. Print requests answer at once with
 * the queued job (`created: false` when it was already queued); the job's progress arrives on `onJob`.
 */
export const printersRouter = router({
  list: staffProcedure.query(({ ctx }) => ctx.core.printing.printers.list()),
  add: managerProcedure.input(addPrinterInput).mutation(({ ctx, input }) => ctx.core.printing.printers.add(input)),
  update: managerProcedure.input(updatePrinterInput).mutation(({ ctx, input }) => ctx.core.printing.printers.update(input)),
  /** Refused while jobs still wait for the printer. */
  remove: managerProcedure.input(printerIdInput).mutation(({ ctx, input }) => ctx.core.printing.printers.remove(input)),
  testPrint: staffProcedure.input(printerIdInput).mutation(({ ctx, input }) => ctx.core.printing.testPrint(input)),

  /** Recent jobs, newest first, with their state and the last error in plain words. */
  jobs: staffProcedure.input(listJobsInput).query(({ ctx, input }) => ctx.core.printing.jobs(input)),
  /** Try again now (the backoff starts over). */
  retry: staffProcedure.input(jobIdInput).mutation(({ ctx, input }) => ctx.core.printing.retry(input)),
  cancel: staffProcedure.input(jobIdInput).mutation(({ ctx, input }) => ctx.core.printing.cancel(input)),

  /** No-sale: opens the drawer, recorded with who and why (a shift event the server learns about). */
  openDrawer: queuedProcedure.input(openDrawerInput).mutation(({ ctx, input }) => ctx.core.printing.openDrawer(input)),

  /** The sale's receipt document, for the on-screen preview (the same one the printer is sent). */
  receiptDocument: staffProcedure.input(saleIdInput).query(({ ctx, input }) => ctx.core.printing.receiptDocument(input)),
  /** The sale's receipt, queued once; a second copy is `reprint`. */
  printReceipt: staffProcedure.input(saleIdInput).mutation(({ ctx, input }) => ctx.core.printing.printReceipt(input)),
  reprint: staffProcedure.input(saleIdInput).mutation(({ ctx, input }) => ctx.core.printing.reprint(input)),
  printRefund: staffProcedure.input(refundIdInput).mutation(({ ctx, input }) => ctx.core.printing.printRefund(input)),
  printKitchenTicket: staffProcedure.input(webOrderIdInput).mutation(({ ctx, input }) => ctx.core.printing.printKitchenTicket(input)),
  printShiftReport: staffProcedure.input(shiftReportInput).mutation(({ ctx, input }) => ctx.core.printing.printShiftReport(input)),

  /** Every job change from the moment of subscribing (queued, printing, printed, failed, cancelled). */
  onJob: staffProcedure.subscription(({ ctx, signal }) => ctx.events.stream('printJob', signal)),
});
