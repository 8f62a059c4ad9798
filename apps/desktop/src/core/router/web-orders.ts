import { transitionOrderInput } from '@makeries/shared';
import { webOrderIdInput, webOrderListInput } from './inputs';
import { queuedProcedure, router, staffProcedure } from './trpc';

export const webOrdersRouter = router({
  /** The online-orders inbox, newest first; filter by status for the tabs. */
  list: staffProcedure.input(webOrderListInput).query(({ ctx, input }) => ctx.core.webOrders.list(input)),
  byId: staffProcedure.input(webOrderIdInput).query(({ ctx, input }) => ctx.core.webOrders.byId(input.orderId)),

  /** Accept (with prep time), reject (with a reason) or advance; works offline, queued for the server. */
  transition: queuedProcedure.input(transitionOrderInput).mutation(({ ctx, input }) => {
    const order = ctx.core.webOrders.transition(input);
    ctx.events.webOrdersChanged();
    return order;
  }),

  /** Orders arriving (play the sound) and status changes, live, from the moment of subscribing. */
  onChange: staffProcedure.subscription(({ ctx, signal }) => ctx.events.stream('webOrder', signal)),
});
