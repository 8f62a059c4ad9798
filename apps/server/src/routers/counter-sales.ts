import { counterSaleLookupInput, saleRefundArgs } from '@makeries/shared';
import { requireProven } from '../services/staff-proofs';
import { findCounterSale, refundCounterSale } from '../services/sync/counter-refunds';
import { MANAGER_ROLES } from '../services/sync/scope';
import { deviceProcedure, router } from '../trpc';

/**
 * Sales of the other registers of the device's shop, for refunds at any till (online only). Finding a sale takes
 * the device token alone; a refund names the staff member and the approving manager, and the manager (or the
 * owner) who approved it must be proven on this counter (header `x-makeries-staff`).
 */
export const counterSalesRouter = router({
  /** by receipt number (as printed or scanned) or id; another shop's sale is NOT_FOUND, like a missing one */
  find: deviceProcedure.input(counterSaleLookupInput).query(({ ctx, input }) => findCounterSale(ctx.db, { deviceId: ctx.deviceId, vendorId: ctx.vendorId }, input)),
  /** idempotent by the refund id; refunding more than is left of a line is CONFLICT, nothing written */
  refund: deviceProcedure
    .input(saleRefundArgs)
    .mutation(({ ctx, input }) => {
      // refused before the sale is even locked; the refund handler checks it again, as for a refund pushed by sync
      requireProven(ctx.actor.proven, MANAGER_ROLES, input.approvedBy ?? input.staffId);
      return refundCounterSale(ctx.db, ctx.env, { deviceId: ctx.deviceId, vendorId: ctx.vendorId, proven: ctx.actor.proven }, input);
    }),
});
