import { reorderInput } from '@makeries/shared';
import { reorder } from '../services/comeback/reorder';
import { publicProcedure, router } from '../trpc';

/** "Order this again": a past order as cart lines at today's prices and stock (the cart itself lives in the browser). */
export const reorderRouter = router({
  /** the ordering customer (with the checkout's other shops), or a guest with the order's tracking token */
  fromOrder: publicProcedure.input(reorderInput).query(({ ctx, input }) => reorder(ctx.db, ctx.env, ctx.actor, input)),
});
