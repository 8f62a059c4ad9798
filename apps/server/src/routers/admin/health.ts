import { healthListInput, healthSummaryInput } from '@makeries/shared';
import { marketSettings } from '../../market-env';
import { healthCsv } from '../../services/health/csv';
import { healthSummary } from '../../services/health/summary';
import { failingBridges, oversoldShops, queueBacklog, staleCounters } from '../../services/health/watchlists';
import { operatorProcedure, router } from '../../trpc';

/** The operator console's health area (issue 17): read-only figures and watch lists, nothing here writes. */
export const adminHealthRouter = router({
  summary: operatorProcedure.input(healthSummaryInput).query(({ ctx, input }) => healthSummary(ctx.db, marketSettings(ctx.env), input)),
  /** the same series as CSV text; the console downloads it (a query: nothing is written, so nothing to audit) */
  exportCsv: operatorProcedure.input(healthSummaryInput).query(async ({ ctx, input }) => healthCsv(await healthSummary(ctx.db, marketSettings(ctx.env), input))),
  staleCounters: operatorProcedure.input(healthListInput).query(({ ctx, input }) => staleCounters(ctx.db, input)),
  failingBridges: operatorProcedure.input(healthListInput).query(({ ctx, input }) => failingBridges(ctx.db, input)),
  oversoldShops: operatorProcedure.input(healthListInput).query(({ ctx, input }) => oversoldShops(ctx.db, input)),
  queues: operatorProcedure.query(({ ctx }) => queueBacklog(ctx.db)),
});
