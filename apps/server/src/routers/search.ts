import { autocompleteInput, searchProductsInput, vendorsNearbyInput } from '@makeries/shared';
import { autocomplete } from '../services/search/autocomplete';
import { searchProducts } from '../services/search/products';
import { vendorsNearby } from '../services/search/vendors-nearby';
import { publicProcedure, router } from '../trpc';

/** Storefront search: public, read-only, only what approved vendors publish online; on the read replica when one serves the caller. */
export const searchRouter = router({
  products: publicProcedure.input(searchProductsInput).query(({ ctx, input }) => searchProducts(ctx.readDb, input)),
  autocomplete: publicProcedure.input(autocompleteInput).query(({ ctx, input }) => autocomplete(ctx.readDb, input)),
  vendorsNearby: publicProcedure.input(vendorsNearbyInput).query(({ ctx, input }) => vendorsNearby(ctx.readDb, input)),
});
