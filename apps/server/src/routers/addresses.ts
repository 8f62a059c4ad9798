import { addressCreateInput, addressIdInput, addressUpdateInput } from '@makeries/shared';
import { createAddress, listAddresses, makeDefaultAddress, removeAddress, updateAddress } from '../services/addresses';
import { customerProcedure, router } from '../trpc';

/** A signed-in customer's saved delivery addresses. */
export const addressesRouter = router({
  list: customerProcedure.query(({ ctx }) => listAddresses(ctx.db, ctx.customerId)),
  create: customerProcedure.input(addressCreateInput).mutation(({ ctx, input }) => createAddress(ctx.db, ctx.customerId, input)),
  update: customerProcedure.input(addressUpdateInput).mutation(({ ctx, input }) => updateAddress(ctx.db, ctx.customerId, input)),
  makeDefault: customerProcedure.input(addressIdInput).mutation(({ ctx, input }) => makeDefaultAddress(ctx.db, ctx.customerId, input.addressId)),
  remove: customerProcedure.input(addressIdInput).mutation(({ ctx, input }) => removeAddress(ctx.db, ctx.customerId, input.addressId)),
});
