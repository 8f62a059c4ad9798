import { popularProductsInput, taxRateCreateInput, taxRateRemoveInput, taxRateUpdateInput } from '@makeries/shared';
import { createTaxRate, listCategories, listTaxRates, removeTaxRate, updateTaxRate } from '../services/catalog';
import { popularProducts } from '../services/rollups/popular-products';
import { managerProcedure, publicProcedure, router } from '../trpc';

export const catalogRouter = router({
  /** the marketplace taxonomy with counts of products visitors can see */
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.readDb)),
  /** best sellers of the market (or of the shops nearest to a place), from the rollup */
  popular: publicProcedure.input(popularProductsInput).query(({ ctx, input }) => popularProducts(ctx.readDb, input)),
  taxRates: router({
    list: managerProcedure.query(({ ctx }) => listTaxRates(ctx.db, ctx.vendorId)),
    create: managerProcedure.input(taxRateCreateInput).mutation(({ ctx, input }) => createTaxRate(ctx.db, ctx.vendorId, input)),
    update: managerProcedure.input(taxRateUpdateInput).mutation(({ ctx, input }) => updateTaxRate(ctx.db, ctx.vendorId, input)),
    remove: managerProcedure.input(taxRateRemoveInput).mutation(({ ctx, input }) => removeTaxRate(ctx.db, ctx.vendorId, input.id)),
  }),
});
