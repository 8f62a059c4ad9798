import { loyaltyOf, loyaltyLookupInput, loyaltyRedeemInput } from '../loyalty/loyalty';
import { cartWrite, router, staffProcedure } from './trpc';

/** Loyalty at the till (issue 18): find a card, see the balance, redeem on the open sale. */
export const loyaltyRouter = router({
  lookup: staffProcedure.input(loyaltyLookupInput).query(({ ctx, input }) => loyaltyOf(ctx.core.ctx).lookup(input)),
  current: staffProcedure.query(({ ctx }) => loyaltyOf(ctx.core.ctx).current()),
  refresh: staffProcedure.mutation(({ ctx }) => loyaltyOf(ctx.core.ctx).refresh()),
  redeem: staffProcedure
    .use(cartWrite)
    .input(loyaltyRedeemInput)
    .mutation(({ ctx, input }) => loyaltyOf(ctx.core.ctx).redeem(input)),
  removeRedemption: staffProcedure.use(cartWrite).mutation(({ ctx }) => loyaltyOf(ctx.core.ctx).removeRedemption()),
});
