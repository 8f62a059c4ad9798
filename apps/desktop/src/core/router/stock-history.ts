import { recentMovements, recentMovementsInput } from '../reports/movements';
import { router, staffProcedure } from './trpc';

/** Back office → Stock: what moved stock on this counter (sales, refunds, receipts, adjustments, counts). */
export const stockHistoryRouter = router({
  recent: staffProcedure.input(recentMovementsInput).query(({ ctx, input }) => recentMovements(ctx.core.ctx, input)),
});
