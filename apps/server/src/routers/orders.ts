import { checkoutInput, listMyOrdersInput, listVendorOrdersInput, orderByIdInput, transitionOrderInput } from '@makeries/shared';
import { checkout } from '../services/checkout';
import { getOrder, listCustomerOrders, listVendorOrders, transitionOrder } from '../services/orders';
import { customerProcedure, publicProcedure, router, vendorProcedure } from '../trpc';

export const ordersRouter = router({
  /** guests and signed-in customers; a signed-in customer's orders are linked to their account */
  checkout: publicProcedure.input(checkoutInput).mutation(({ ctx, input }) => {
    const customerId = ctx.actor.kind === 'customer' ? ctx.actor.customerId : null;
    return checkout(ctx.db, ctx.env, { customerId }, input);
  }),
  /** the ordering customer, the vendor's staff/devices, or a guest with the order's tracking token */
  byId: publicProcedure.input(orderByIdInput).query(({ ctx, input }) => getOrder(ctx.db, ctx.env, ctx.actor, input)),
  listForVendor: vendorProcedure
    .input(listVendorOrdersInput)
    .query(({ ctx, input }) => listVendorOrders(ctx.db, ctx.vendorId, input)),
  listMine: customerProcedure
    .input(listMyOrdersInput)
    .query(({ ctx, input }) => listCustomerOrders(ctx.db, ctx.customerId, input)),
  /** vendor staff/devices move orders along; the ordering customer (or guest with the token) may cancel */
  transition: publicProcedure
    .input(transitionOrderInput)
    .mutation(({ ctx, input }) => transitionOrder(ctx.db, ctx.env, ctx.actor, input)),
});
