import { scanInput } from '../schemas/cart';
import { catalogSearchInput, categoryInput, variantIdInput } from './inputs';
import { router, staffProcedure } from './trpc';

export const catalogRouter = router({
  /** Instant search (FTS5) by name, SKU, barcode or category, with on-hand for each hit. */
  search: staffProcedure.input(catalogSearchInput).query(({ ctx, input }) => ctx.core.catalog.search(input)),

  /** What a scanned code is, without adding it anywhere (price check). */
  scan: staffProcedure.input(scanInput).query(({ ctx, input }) => ctx.core.catalog.lookupCode(input.code)),

  byId: staffProcedure.input(variantIdInput).query(({ ctx, input }) => {
    const variant = ctx.core.catalog.variant(input.variantId);
    return { ...variant, onHand: ctx.core.catalog.onHand([variant.variantId]).get(variant.variantId) ?? null };
  }),

  /** Categories with something to sell, for the quick-key grid. */
  categories: staffProcedure.query(({ ctx }) => ctx.core.catalog.categories()),

  byCategory: staffProcedure.input(categoryInput).query(({ ctx, input }) => ctx.core.catalog.byCategory(input.categoryId, input.limit)),
});
