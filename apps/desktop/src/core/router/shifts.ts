import { AppError } from '@makeries/shared';
import { cashMoveInput, closeShiftInput, noSaleInput, openShiftInput } from '../schemas/shift';
import { listLimitInput, zReportInput } from './inputs';
import { queuedProcedure, router, staffProcedure } from './trpc';

export const shiftsRouter = router({
  /** The open shift on this register, or null (the till asks for a float before the first sale). */
  current: staffProcedure.query(({ ctx }) => ctx.core.shifts.current()),

  // an open shift's report goes out through `forStaff`: under blind close it carries no expected cash
  open: queuedProcedure.input(openShiftInput).mutation(({ ctx, input }) => ctx.core.shifts.forStaff(ctx.core.shifts.open(input))),
  paidIn: queuedProcedure.input(cashMoveInput).mutation(({ ctx, input }) => ctx.core.shifts.forStaff(ctx.core.shifts.paidIn(input))),
  paidOut: queuedProcedure.input(cashMoveInput).mutation(({ ctx, input }) => ctx.core.shifts.forStaff(ctx.core.shifts.paidOut(input))),
  /** Opens the drawer without a sale: only within a shift, always logged with who and why. */
  noSale: queuedProcedure.input(noSaleInput).mutation(({ ctx, input }) => ctx.core.shifts.noSale(input)),

  /** X report: the open shift so far, nothing changes. */
  xReport: staffProcedure.query(({ ctx }) => ctx.core.shifts.forStaff(ctx.core.shifts.xReport())),
  /** Counts the drawer by denomination and closes the shift; answers with the Z report (expected, over/short). */
  close: queuedProcedure.input(closeShiftInput).mutation(({ ctx, input }) => ctx.core.shifts.forStaff(ctx.core.shifts.close(input))),

  /** Z report of a closed shift (the latest closed one when no id is given), for a reprint. */
  zReport: staffProcedure.input(zReportInput).query(({ ctx, input }) => {
    const shiftId = input.shiftId ?? ctx.core.shifts.history(50).find((s) => s.status === 'closed')?.id;
    if (!shiftId) throw new AppError('NOT_FOUND', 'No shift has been closed on this counter yet.');
    const report = ctx.core.shifts.report(shiftId);
    if (report.status !== 'closed') throw new AppError('CONFLICT', 'That shift is still open: use the X report, or close the shift first.');
    return ctx.core.shifts.forStaff(report);
  }),

  history: staffProcedure.input(listLimitInput).query(({ ctx, input }) => ctx.core.shifts.history(input.limit)),
});
