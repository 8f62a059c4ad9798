import { taxRateCreateInput, taxRateRemoveInput, taxRateUpdateInput } from '@makeries/shared';
import { createTaxRate, listCategories, listTaxRates, removeTaxRate, updateTaxRate } from '../services/catalog';
import { managerProcedure, publicProcedure, router } from '../trpc';

export const catalogRouter = router({
  /** the marketplace taxonomy with counts of products visitors can see */
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.readDb)),
  taxRates: router({
    list: managerProcedure.query(({ ctx }) => listTaxRates(ctx.db, ctx.vendorId)),
    create: managerProcedure.input(taxRateCreateInput).mutation(({ ctx, input }) => createTaxRate(ctx.db, ctx.vendorId, input)),
    update: managerProcedure.input(taxRateUpdateInput).mutation(({ ctx, input }) => updateTaxRate(ctx.db, ctx.vendorId, input)),
    remove: managerProcedure.input(taxRateRemoveInput).mutation(({ ctx, input }) => removeTaxRate(ctx.db, ctx.vendorId, input.id)),
  }),
});
