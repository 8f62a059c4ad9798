import { createMarketplacePromoInput, listPromosInput, promoRedemptionsInput, updatePromoInput } from '@makeries/shared';
import { createMarketplacePromoAudited, updateMarketplacePromoAudited } from '../../services/promos/admin';
import { listPromos, listRedemptions } from '../../services/promos/manage';
import { operatorProcedure, router } from '../../trpc';

/** The operator console's promotions (issue 18): marketplace-funded codes, every change audited. */
export const adminPromosRouter = router({
  list: operatorProcedure.input(listPromosInput).query(({ ctx, input }) => listPromos(ctx.db, { kind: 'marketplace' }, input)),
  create: operatorProcedure.input(createMarketplacePromoInput).mutation(({ ctx, input }) => createMarketplacePromoAudited(ctx.db, who(ctx), input)),
  update: operatorProcedure.input(updatePromoInput).mutation(({ ctx, input }) => updateMarketplacePromoAudited(ctx.db, who(ctx), input)),
  redemptions: operatorProcedure.input(promoRedemptionsInput).query(({ ctx, input }) => listRedemptions(ctx.db, { kind: 'marketplace' }, input)),
});

function who(ctx: { operatorId: string; ip: string; requestId: string }) {
  return { operatorId: ctx.operatorId, ip: ctx.ip, requestId: ctx.requestId };
}
