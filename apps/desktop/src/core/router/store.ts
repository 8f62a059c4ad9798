import { receiptLogoUploadInput, storeSettingsPatch } from '@makeries/shared';
import { proofsSettled } from '../staff/proofs';
import { shopStanding } from '../store/standing';
import { storeOf } from '../store/store';
import { storePauseInput } from '../store/update';
import { managerProcedure, queuedProcedure, router, staffProcedure } from './trpc';

/** Store settings (DESIGN §5 back office): offline-first through the outbox, except the logo upload. */
export const storeRouter = router({
  /** Any staff member may read them (the register shows "paused"); a new logo's dots are fetched in the background. */
  settings: staffProcedure.query(({ ctx }) => {
    const store = storeOf(ctx.core.ctx);
    void store.refreshLogo();
    return store.settings();
  }),
  /** The shop's standing with the marketplace (pending, rejected, suspended + reason) for the back office banner. */
  standing: staffProcedure.query(({ ctx }) => shopStanding(ctx.core)),
  /** Profile, opening hours, receipt header/footer/tax number: manager or owner. */
  /** (after the staff proof of a PIN typed a moment ago has arrived: without one the marketplace would refuse it) */
  update: queuedProcedure.input(storeSettingsPatch).mutation(async ({ ctx, input }) => {
    await proofsSettled(ctx.core.ctx, [ctx.staff.staffId]);
    return storeOf(ctx.core.ctx).update(input);
  }),
  setPaused: queuedProcedure.input(storePauseInput).mutation(async ({ ctx, input }) => {
    await proofsSettled(ctx.core.ctx, [ctx.staff.staffId]);
    return storeOf(ctx.core.ctx).setPaused(input);
  }),
  /** Needs the connection: the server turns the image into printer dots once for every counter. */
  uploadLogo: managerProcedure.input(receiptLogoUploadInput).mutation(({ ctx, input }) => storeOf(ctx.core.ctx).uploadLogo(input)),
  removeLogo: managerProcedure.mutation(({ ctx }) => storeOf(ctx.core.ctx).removeLogo()),
});
