import { shopDirectoryInput, vendorByIdInput, vendorBySlugInput, vendorListInput, vendorPauseInput, vendorRegisterInput, vendorUpdateInput } from '@makeries/shared';
import {
  getVendorProfile,
  listVendors,
  publicVendorById,
  publicVendorBySlug,
  registerVendor,
  setVendorPaused,
  updateVendor,
} from '../services/vendors';
import { loginRateRule } from '../services/rate-limit';
import { shopDirectory } from '../services/rollups/shop-directory';
import { managerProcedure, publicProcedure, router, staffProcedure } from '../trpc';

export const vendorsRouter = router({
  /** A new shop (pending until an operator approves it) and its owner; the owner then signs in with auth.staffLogin. */
  register: publicProcedure
    .input(vendorRegisterInput)
    .mutation(({ ctx, input }) =>
      registerVendor(ctx.db, input, { ip: ctx.ip, rule: loginRateRule(ctx.env) }, { autoApprove: ctx.env.AUTO_APPROVE_SHOPS === 'on' }),
    ),

  list: publicProcedure.input(vendorListInput).query(({ ctx, input }) => listVendors(ctx.readDb, input)),
  /** the home page's shops: nearest first around a place, else the most popular; one bounded page at a time */
  directory: publicProcedure.input(shopDirectoryInput).query(({ ctx, input }) => shopDirectory(ctx.readDb, input)),
  bySlug: publicProcedure.input(vendorBySlugInput).query(({ ctx, input }) => publicVendorBySlug(ctx.readDb, input.slug)),
  byId: publicProcedure.input(vendorByIdInput).query(({ ctx, input }) => publicVendorById(ctx.readDb, input.vendorId)),

  mine: staffProcedure.query(({ ctx }) => getVendorProfile(ctx.db, ctx.vendorId)),
  update: managerProcedure.input(vendorUpdateInput).mutation(({ ctx, input }) => updateVendor(ctx.db, ctx.vendorId, input)),
  setPaused: managerProcedure.input(vendorPauseInput).mutation(({ ctx, input }) => setVendorPaused(ctx.db, ctx.vendorId, input)),
});
