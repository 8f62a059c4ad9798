import { cartQuoteInput } from '@makeries/shared';
import { quoteCart } from '../services/cart/quote';
import { publicProcedure, router } from '../trpc';

/** The storefront cart lives in the browser; the server checks it against current prices, stock and shop rules. */
export const cartRouter = router({
  quote: publicProcedure
    .input(cartQuoteInput)
    .query(({ ctx, input }) => quoteCart(ctx.db, input, new Date(), ctx.actor.kind === 'customer' ? ctx.actor.customerId : null)),
});
