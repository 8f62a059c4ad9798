import { checkoutInput, listMyOrdersInput, listVendorOrdersInput, orderByIdInput, transitionOrderInput } from '@makeries/shared';
import { checkout } from '../services/orders/checkout';
import { getOrder, listCustomerOrders, listVendorOrders, transitionOrder } from '../services/orders';
import { customerProcedure, publicProcedure, router, vendorProcedure } from '../trpc';

export const ordersRouter = router({
  /** guests and signed-in customers; a signed-in customer's orders are linked to their account */
  checkout: publicProcedure.input(checkoutInput).mutation(({ ctx, input }) => {
    const buyer = ctx.actor.kind === 'customer' ? { customerId: ctx.actor.customerId, sessionId: ctx.actor.sessionId } : { customerId: null, sessionId: null };
    return checkout(ctx.db, ctx.env, buyer, input);
  }),
  /** the ordering customer, the vendor's staff/devices, or a guest with the order's tracking token */
  byId: publicProcedure.input(orderByIdInput).query(({ ctx, input }) => getOrder(ctx.db, ctx.env, ctx.actor, input)),
  listForVendor: vendorProcedure
    .input(listVendorOrdersInput)
    .query(({ ctx, input }) => listVendorOrders(ctx.db, ctx.vendorId, input)),
  /** all of a confirmed account's orders; an unconfirmed one sees only this session's (services/orders/customer-scope.ts) */
  listMine: customerProcedure
    .input(listMyOrdersInput)
    .query(({ ctx, input }) => listCustomerOrders(ctx.db, { customerId: ctx.customerId, sessionId: ctx.actor.sessionId }, input)),
  /** vendor staff/devices move orders along; the ordering customer (or guest with the token) may cancel */
  transition: publicProcedure
    .input(transitionOrderInput)
    .mutation(({ ctx, input }) => transitionOrder(ctx.db, ctx.env, ctx.actor, input)),
});
