import { reviewableInput, reviewCreateInput, reviewedOrdersInput, reviewListInput, reviewSummaryInput, reviewUpdateInput } from '@makeries/shared';
import { createReview, listReviews, ratingSummary, reviewableOrder, reviewedOrderIds, updateReview } from '../services/reviews';
import { customerProcedure, publicProcedure, router } from '../trpc';

/** Reviews from verified purchases: anyone reads them; only the customer of a completed order writes them. */
export const reviewsRouter = router({
  list: publicProcedure.input(reviewListInput).query(({ ctx, input }) => {
    const viewer = ctx.actor.kind === 'customer' ? ctx.actor.customerId : null;
    return listReviews(ctx.db, viewer, input);
  }),
  summary: publicProcedure.input(reviewSummaryInput).query(({ ctx, input }) => ratingSummary(ctx.db, input)),

  /** the shop and products on one of the caller's orders, with what they already wrote */
  forOrder: customerProcedure.input(reviewableInput).query(({ ctx, input }) => reviewableOrder(ctx.db, ctx.customerId, input.orderId)),
  /** bounded by the page of orders shown: never every review the customer ever wrote */
  reviewedOrders: customerProcedure.input(reviewedOrdersInput).query(({ ctx, input }) => reviewedOrderIds(ctx.db, ctx.customerId, input.orderIds)),
  create: customerProcedure.input(reviewCreateInput).mutation(({ ctx, input }) => createReview(ctx.db, ctx.customerId, input)),
  update: customerProcedure.input(reviewUpdateInput).mutation(({ ctx, input }) => updateReview(ctx.db, ctx.customerId, input)),
});
