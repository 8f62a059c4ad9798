import {
  bridgeApplyInput,
  bridgeAttentionPageInput,
  bridgeAttentionSchema,
  bridgeChooseLocationInput,
  bridgeFailedJobSchema,
  bridgeLocationSchema,
  bridgeLogEntrySchema,
  bridgeOptionsInput,
  bridgePreviewSchema,
  bridgeAccountSchema,
  bridgeClaimInput,
  bridgeConnectInput,
  bridgePartnerInput,
  bridgeRetryInput,
  bridgeViewSchema,
  pageInputSchema,
  pageOf,
} from '@makeries/shared';
import { z } from 'zod';
import { chooseLocation, claimPartnerAccount, listLocations, partnerAccounts, startConnect } from '../services/bridges/connect';
import { connectionOfVendor } from '../services/bridges/connections';
import { applyImport, attentionPage, bridgeView, disconnect, failedJobsPage, importPreview, pause, resume, retryJob, setOptions, startImport, syncNow } from '../services/bridges/manage';
import { syncLogPage } from '../services/bridges/sync-log';
import { router, vendorRoleProcedure } from '../trpc';

/** Reading the bridge: the owner or a manager, in the back office or proven on the shop's counter. */
const managers = vendorRoleProcedure(['owner', 'manager']);
/** Connecting, importing, options and disconnecting: the owner only. */
const owner = vendorRoleProcedure(['owner']);

type Ctx = Parameters<Parameters<typeof managers.query>[0]>[0]['ctx'];

function roleOf(ctx: Ctx): 'owner' | 'manager' {
  const a = ctx.actor;
  if (a.kind === 'staff') return a.role === 'owner' ? 'owner' : 'manager';
  if (a.kind === 'device') return a.proven.some((p) => p.role === 'owner') ? 'owner' : 'manager';
  return 'manager';
}

const view = (ctx: Ctx) => bridgeView(ctx.db, ctx.env, ctx.vendorId, roleOf(ctx));

/**
 * The shop's point-of-sale bridge (services/bridges): connect Square, choose the location, preview and apply the first
 * import, then watch it stay in step. Every answer that changes something returns the new view.
 */
export const bridgesRouter = router({
  status: managers.output(bridgeViewSchema).query(({ ctx }) => view(ctx)),
  connectUrl: owner
    .input(bridgeConnectInput)
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) => startConnect(ctx.db, ctx.env, ctx.vendorId, input.provider, new Date(), input.shopDomain ?? null)),
  /** Toast: the restaurants that added Makeries in Toast, and whether this owner may claim each */
  partnerAccounts: owner
    .input(bridgePartnerInput)
    .output(pageOf(bridgeAccountSchema))
    .query(({ ctx, input }) => partnerAccounts(ctx.db, ctx.env, ctx.vendorId, input.provider, { cursor: input.cursor, limit: input.limit })),
  claimAccount: owner
    .input(bridgeClaimInput)
    .output(bridgeViewSchema)
    .mutation(async ({ ctx, input }) => {
      await claimPartnerAccount(ctx.db, ctx.env, ctx.vendorId, input.provider, input.accountId);
      return view(ctx);
    }),
  locations: owner.output(z.array(bridgeLocationSchema)).query(({ ctx }) => listLocations(ctx.db, ctx.env, ctx.vendorId)),
  chooseLocation: owner
    .input(bridgeChooseLocationInput)
    .output(bridgeViewSchema)
    .mutation(async ({ ctx, input }) => {
      await chooseLocation(ctx.db, ctx.env, ctx.vendorId, input.locationId);
      return view(ctx);
    }),
  startImport: owner.output(bridgeViewSchema).mutation(async ({ ctx }) => {
    await startImport(ctx.db, ctx.vendorId);
    return view(ctx);
  }),
  preview: managers.output(bridgePreviewSchema.nullable()).query(({ ctx }) => importPreview(ctx.db, ctx.vendorId)),
  attention: managers
    .input(bridgeAttentionPageInput)
    .output(pageOf(bridgeAttentionSchema))
    .query(({ ctx, input }) => attentionPage(ctx.db, ctx.vendorId, input.cursor, input.limit)),
  applyImport: owner
    .input(bridgeApplyInput)
    .output(bridgeViewSchema)
    .mutation(async ({ ctx, input }) => {
      await applyImport(ctx.db, ctx.vendorId, input.match);
      return view(ctx);
    }),
  setOptions: owner
    .input(bridgeOptionsInput)
    .output(bridgeViewSchema)
    .mutation(async ({ ctx, input }) => {
      await setOptions(ctx.db, ctx.env, ctx.vendorId, input);
      return view(ctx);
    }),
  pause: owner.output(bridgeViewSchema).mutation(async ({ ctx }) => {
    await pause(ctx.db, ctx.vendorId);
    return view(ctx);
  }),
  resume: owner.output(bridgeViewSchema).mutation(async ({ ctx }) => {
    await resume(ctx.db, ctx.vendorId);
    return view(ctx);
  }),
  disconnect: owner.output(bridgeViewSchema).mutation(async ({ ctx }) => {
    await disconnect(ctx.db, ctx.env, ctx.vendorId);
    return view(ctx);
  }),
  syncNow: managers.output(bridgeViewSchema).mutation(async ({ ctx }) => {
    await syncNow(ctx.db, ctx.vendorId);
    return view(ctx);
  }),
  log: managers
    .input(pageInputSchema)
    .output(pageOf(bridgeLogEntrySchema))
    .query(async ({ ctx, input }) => {
      const c = await connectionOfVendor(ctx.db, ctx.vendorId);
      return c ? syncLogPage(ctx.db, c.id, input.cursor, input.limit) : { items: [], nextCursor: null };
    }),
  failedJobs: managers
    .input(pageInputSchema)
    .output(pageOf(bridgeFailedJobSchema))
    .query(({ ctx, input }) => failedJobsPage(ctx.db, ctx.vendorId, input.cursor, input.limit)),
  retryJob: managers
    .input(bridgeRetryInput)
    .output(bridgeViewSchema)
    .mutation(async ({ ctx, input }) => {
      await retryJob(ctx.db, ctx.vendorId, input.jobId);
      return view(ctx);
    }),
});
