import { AppError, createShopPromoInput, listPromosInput, promoRedemptionsInput, updatePromoInput } from '@makeries/shared';
import type { CounterCore } from '../index';
import type { ServerApi } from '../sync/transport';
import { askMarketplace, marketplaceApi, type MarketplaceCall } from './marketplace-call';
import { managerProcedure, router } from './trpc';

export const PROMOS_OFFLINE = 'This counter is offline. Promo codes are managed on the marketplace: they show again once the counter is back online.';

const CALL: MarketplaceCall = { timeoutMs: 10_000, offline: () => new AppError('CONFLICT', PROMOS_OFFLINE, { details: { offline: true } }) };

/** The marketplace as this counter with the signed-in manager's proof (the server checks it is a manager/owner). */
function requireApi(core: CounterCore): ServerApi {
  const api = marketplaceApi(core, CALL);
  if (!api) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace. Pair it in Settings first.', { details: { unpaired: true } });
  return api;
}

const ask = <T>(fn: () => Promise<T>): Promise<T> => askMarketplace(CALL, fn);

/**
 * Back office → Promo codes (managers and owners): the shop's own codes, read and changed on the marketplace
 * (online only; the till keeps working with the codes it has synced).
 */
export const promosRouter = router({
  list: managerProcedure.input(listPromosInput).query(({ ctx, input }) => {
    const api = requireApi(ctx.core);
    return ask(() => api.promos.list.query(input));
  }),
  create: managerProcedure.input(createShopPromoInput).mutation(({ ctx, input }) => {
    const api = requireApi(ctx.core);
    return ask(() => api.promos.create.mutate(input));
  }),
  update: managerProcedure.input(updatePromoInput).mutation(({ ctx, input }) => {
    const api = requireApi(ctx.core);
    return ask(() => api.promos.update.mutate(input));
  }),
  redemptions: managerProcedure.input(promoRedemptionsInput).query(({ ctx, input }) => {
    const api = requireApi(ctx.core);
    return ask(() => api.promos.redemptions.query(input));
  }),
});
