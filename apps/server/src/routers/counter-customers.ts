import { counterCustomerLookupInput, receiptLogoUploadInput } from '@makeries/shared';
import { lookupCustomer } from '../services/customer-lookup';
import { currentReceiptLogo, removeReceiptLogo, uploadReceiptLogo } from '../services/receipt-logo';
import { requireProven } from '../services/staff-proofs';
import { deviceProcedure, router } from '../trpc';

/** The receipt logo is store settings: a manager or the owner, proven on this counter. */
const counterManager = deviceProcedure.use(({ ctx, next }) => {
  requireProven(ctx.actor.proven, ['owner', 'manager']);
  return next();
});

/**
 * Online-only calls a paired counter makes outside the sync protocol: finding the customer to attach to a sale,
 * and the receipt logo (an image is converted to printer dots here, once, for every counter of the shop).
 */
export const counterCustomersRouter = router({
  /** exact email or phone; null when nobody matches; masked unless a customer of this shop */
  lookup: deviceProcedure.input(counterCustomerLookupInput).query(({ ctx, input }) => lookupCustomer(ctx.db, ctx.vendorId, input.query)),

  uploadReceiptLogo: counterManager
    .input(receiptLogoUploadInput)
    .mutation(({ ctx, input }) => uploadReceiptLogo(ctx.db, ctx.env, ctx.vendorId, input)),
  receiptLogo: deviceProcedure.query(({ ctx }) => currentReceiptLogo(ctx.db, ctx.env, ctx.vendorId)),
  removeReceiptLogo: counterManager.mutation(async ({ ctx }) => {
    await removeReceiptLogo(ctx.db, ctx.env, ctx.vendorId);
    return { ok: true as const };
  }),
});
