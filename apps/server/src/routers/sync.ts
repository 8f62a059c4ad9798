import { pullInput, pushInput, rejectionsInput } from '@makeries/shared';
import { pullChanges } from '../services/sync/pull';
import { pushMutations } from '../services/sync/push';
import { listRejections } from '../services/sync/rejections';
import { deviceProcedure, router } from '../trpc';

/** The counter ⇄ server sync protocol (DESIGN §4); only paired counters take part. */
export const syncRouter = router({
  push: deviceProcedure
    .input(pushInput)
    .mutation(({ ctx, input }) => pushMutations(ctx.db, ctx.env, { deviceId: ctx.deviceId, vendorId: ctx.vendorId, proven: ctx.actor.proven }, input)),
  pull: deviceProcedure
    .input(pullInput)
    .query(({ ctx, input }) => pullChanges(ctx.db, { deviceId: ctx.deviceId, vendorId: ctx.vendorId }, input)),
  rejections: deviceProcedure
    .input(rejectionsInput)
    .query(({ ctx, input }) => listRejections(ctx.db, ctx.deviceId, input)),
});
