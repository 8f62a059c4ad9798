import { reportSummary, reportSummaryInput } from '../reports/summary';
import { managerProcedure, router } from './trpc';

/**
 * Back office → Reports, from this counter's own SQLite (works offline). Takings by staff member are a
 * manager's business, so cashiers are refused.
 */
export const reportsRouter = router({
  summary: managerProcedure.input(reportSummaryInput).query(({ ctx, input }) => reportSummary(ctx.core.ctx, input)),
});
