import { reportCreateInput } from '@makeries/shared';
import { createReport } from '../services/moderation/create-report';
import { customerProcedure, router } from '../trpc';

/** A signed-in customer reports a product, shop or review to the marketplace's operator (issue 17). */
export const reportsRouter = router({
  create: customerProcedure.input(reportCreateInput).mutation(({ ctx, input }) => createReport(ctx.db, ctx.customerId, input)),
});
