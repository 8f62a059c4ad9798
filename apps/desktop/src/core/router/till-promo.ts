import { tillPromoApplyInput, tillPromosOf } from '../promos/till-promos';
import { cartWrite, router, staffProcedure } from './trpc';

/** The shop's promo codes on the open sale at the till (issue 18). */
export const tillPromoRouter = router({
  applyCode: staffProcedure
    .use(cartWrite)
    .input(tillPromoApplyInput)
    .mutation(({ ctx, input }) => tillPromosOf(ctx.core.ctx).apply(input)),
  removeCode: staffProcedure.use(cartWrite).mutation(({ ctx }) => tillPromosOf(ctx.core.ctx).remove()),
});
