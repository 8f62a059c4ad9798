import { createShopPromoInput, listPromosInput, promoRedemptionsInput, updatePromoInput } from '@makeries/shared';
import type { Actor } from '../context';
import { createShopPromo, listPromos, listRedemptions, updatePromo } from '../services/promos/manage';
import { router, vendorRoleProcedure } from '../trpc';

/** A shop's own promo codes: the owner or a manager, in the back office or proven on the shop's counter. */
const managers = vendorRoleProcedure(['owner', 'manager']);

/** Who created the code: the signed-in staff member, or the proven manager/owner at the counter. */
function actingStaff(actor: Actor): string | null {
  if (actor.kind === 'staff') return actor.staffId;
  if (actor.kind === 'device') return actor.proven.find((p) => p.role === 'owner' || p.role === 'manager')?.staffId ?? null;
  return null;
}

export const promosRouter = router({
  list: managers.input(listPromosInput).query(({ ctx, input }) => listPromos(ctx.db, { kind: 'shop', vendorId: ctx.vendorId }, input)),
  create: managers.input(createShopPromoInput).mutation(({ ctx, input }) => createShopPromo(ctx.db, ctx.vendorId, actingStaff(ctx.actor), input)),
  /** change the end, the limits or the description, or deactivate (active: false) / reactivate */
  update: managers
    .input(updatePromoInput)
    .mutation(async ({ ctx, input }) => (await ctx.db.transaction((tx) => updatePromo(tx, { kind: 'shop', vendorId: ctx.vendorId }, input))).after),
  redemptions: managers.input(promoRedemptionsInput).query(({ ctx, input }) => listRedemptions(ctx.db, { kind: 'shop', vendorId: ctx.vendorId }, input)),
});
