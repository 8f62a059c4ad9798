import { favouriteSetInput, favouritesListInput } from '@makeries/shared';
import { favouriteIds, listFavourites, setFavourite } from '../services/favourites';
import { customerProcedure, router } from '../trpc';

/** A signed-in customer's starred shops and products. */
export const favouritesRouter = router({
  list: customerProcedure.input(favouritesListInput).query(({ ctx, input }) => listFavourites(ctx.db, ctx.customerId, input)),
  ids: customerProcedure.query(({ ctx }) => favouriteIds(ctx.db, ctx.customerId)),
  set: customerProcedure.input(favouriteSetInput).mutation(({ ctx, input }) => setFavourite(ctx.db, ctx.customerId, input)),
});
