import { pullInput, pushInput, rejectionsInput } from '@makeries/shared';
import { pullChanges } from '../services/sync/pull';
import { pushMutations } from '../services/sync/push';
import { listRejections } from '../services/sync/rejections';
import { reportSyncRefusals } from '../security/events';
import { deviceProcedure, router } from '../trpc';

/** The counter ⇄ server sync protocol (DESIGN §4); only paired counters take part. */
export const syncRouter = router({
  push: deviceProcedure
    .input(pushInput)
    .mutation(async ({ ctx, input }) => {
      const result = await pushMutations(ctx.db, ctx.env, { deviceId: ctx.deviceId, vendorId: ctx.vendorId, proven: ctx.actor.proven }, input);
      return reportSyncRefusals(ctx, input, result); // logs mutations naming what is not this shop's
    }),
  pull: deviceProcedure
    .input(pullInput)
    .query(async ({ ctx, input }) => ({
      ...(await pullChanges(ctx.db, { deviceId: ctx.deviceId, vendorId: ctx.vendorId }, input)),
      market: { locale: ctx.env.MARKET_LOCALE, currency: ctx.env.MARKET_CURRENCY },
    })),
  rejections: deviceProcedure
    .input(rejectionsInput)
    .query(({ ctx, input }) => listRejections(ctx.db, ctx.deviceId, input)),
});
