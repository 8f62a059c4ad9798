import { digestSetInput, digestUnsubscribeInput } from '@makeries/shared';
import { digestSettings, setDigest, unsubscribeDigest } from '../services/comeback/digest';
import { customerProcedure, publicProcedure, router } from '../trpc';

/** The opt-in weekly email of new products from the customer's favourite shops. */
export const digestRouter = router({
  settings: customerProcedure.query(({ ctx }) => digestSettings(ctx.db, ctx.customerId)),
  set: customerProcedure.input(digestSetInput).mutation(({ ctx, input }) => setDigest(ctx.db, ctx.customerId, input.weekly)),
  /** the emailed link's signed token is the proof: no sign-in needed */
  unsubscribe: publicProcedure.input(digestUnsubscribeInput).mutation(({ ctx, input }) => unsubscribeDigest(ctx.db, ctx.env, input.token)),
});
