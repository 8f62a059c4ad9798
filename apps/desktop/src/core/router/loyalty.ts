import { AppError, loyaltyProgrammeSetInput, type LoyaltyProgramme } from '@makeries/shared';
import { loyaltyOf, loyaltyLookupInput, loyaltyRedeemInput } from '../loyalty/loyalty';
import { askMarketplace, marketplaceApi, type MarketplaceCall } from './marketplace-call';
import { cartWrite, managerProcedure, router, staffProcedure } from './trpc';
import type { CounterCore } from '../index';

const CALL: MarketplaceCall = {
  timeoutMs: 15_000,
  offline: () => new AppError('CONFLICT', 'This counter is offline. Setting up loyalty needs the connection to the marketplace.', { details: { offline: true } }),
};

function api(core: CounterCore) {
  const a = marketplaceApi(core, CALL);
  if (!a) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace. Pair it in Settings first.', { details: { unpaired: true } });
  return a;
}

/** Loyalty at the till (issue 18): find a card, see the balance, redeem on the open sale; the programme in the back office. */
export const loyaltyRouter = router({
  lookup: staffProcedure.input(loyaltyLookupInput).query(({ ctx, input }) => loyaltyOf(ctx.core.ctx).lookup(input)),
  current: staffProcedure.query(({ ctx }) => loyaltyOf(ctx.core.ctx).current()),
  refresh: staffProcedure.mutation(({ ctx }) => loyaltyOf(ctx.core.ctx).refresh()),
  redeem: staffProcedure
    .use(cartWrite)
    .input(loyaltyRedeemInput)
    .mutation(({ ctx, input }) => loyaltyOf(ctx.core.ctx).redeem(input)),
  removeRedemption: staffProcedure.use(cartWrite).mutation(({ ctx }) => loyaltyOf(ctx.core.ctx).removeRedemption()),

  /** back office: the shop's programme lives on the marketplace (online, with the signed-in manager's proof) */
  programme: managerProcedure.query(({ ctx }): Promise<LoyaltyProgramme> => askMarketplace(CALL, () => api(ctx.core).loyalty.programme.query())),
  setProgramme: managerProcedure
    .input(loyaltyProgrammeSetInput)
    .mutation(({ ctx, input }): Promise<LoyaltyProgramme> => askMarketplace(CALL, () => api(ctx.core).loyalty.setProgramme.mutate(input))),
});
