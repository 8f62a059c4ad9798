import { postcodeDistrictsInput } from '@makeries/shared';
import { marketSettings } from '../market-env';
import { listDistricts } from '../services/market';
import { publicProcedure, router } from '../trpc';

/** The marketplace's locale, currency, country, clock and city, and its city's postcode districts: public. */
export const marketRouter = router({
  settings: publicProcedure.query(({ ctx }) => marketSettings(ctx.env)),
  districts: publicProcedure.input(postcodeDistrictsInput).query(({ ctx, input }) => listDistricts(ctx.db, marketSettings(ctx.env), input)),
});
