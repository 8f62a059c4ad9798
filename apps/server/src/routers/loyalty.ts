import { loyaltyBalanceInput, loyaltyCounterLookupInput, loyaltyForShopsInput, loyaltyMineInput, loyaltyProgrammeSetInput, pageInputSchema } from '@makeries/shared';
import { counterLoyaltyBalance, counterLoyaltyLookup, loyaltyForShops, myLoyaltyCards } from '../services/loyalty/cards';
import { overdrawnRedemptions } from '../services/loyalty/overdrawn';
import { loyaltyProgrammeOf, setLoyaltyProgramme } from '../services/loyalty/programme';
import { loyaltyQr } from '../services/loyalty/qr';
import { customerProcedure, deviceProcedure, router, vendorProcedure, vendorRoleProcedure } from '../trpc';

const shopManagers = vendorRoleProcedure(['owner', 'manager']);

/** Loyalty (issue 18): the shop's programme, a customer's cards and QR code, the counter's look-ups. */
export const loyaltyRouter = router({
  programme: vendorProcedure.query(({ ctx }) => loyaltyProgrammeOf(ctx.db, ctx.vendorId)),
  setProgramme: shopManagers.input(loyaltyProgrammeSetInput).mutation(({ ctx, input }) => setLoyaltyProgramme(ctx.db, ctx.vendorId, input.programme)),
  overdrawn: shopManagers.input(pageInputSchema).query(({ ctx, input }) => overdrawnRedemptions(ctx.db, ctx.vendorId, input)),

  mine: customerProcedure.input(loyaltyMineInput).query(({ ctx, input }) => myLoyaltyCards(ctx.db, ctx.customerId, input)),
  forShops: customerProcedure.input(loyaltyForShopsInput).query(({ ctx, input }) => loyaltyForShops(ctx.db, ctx.customerId, input.vendorIds)),
  myQr: customerProcedure.query(({ ctx }) => loyaltyQr(ctx.env, ctx.customerId)),

  counterLookup: deviceProcedure.input(loyaltyCounterLookupInput).query(({ ctx, input }) => counterLoyaltyLookup(ctx.db, ctx.env, ctx.vendorId, input.query)),
  counterBalance: deviceProcedure.input(loyaltyBalanceInput).query(({ ctx, input }) => counterLoyaltyBalance(ctx.db, ctx.vendorId, input.customerId)),
});
