import { listLimitInput } from './inputs';
import { managerProcedure, router } from './trpc';

export const activityRouter = router({
  /** The audit trail (logins, overrides, no-sales, voids, refunds), newest first. Managers only. */
  list: managerProcedure.input(listLimitInput).query(({ ctx, input }) => ctx.core.activity(input.limit)),
});
