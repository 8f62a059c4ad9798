import {
  AppError,
  bridgeApplyInput,
  bridgeAttentionPageInput,
  bridgeChooseLocationInput,
  bridgeClaimInput,
  bridgeConnectInput,
  bridgeOptionsInput,
  bridgePartnerInput,
  bridgeRetryInput,
  pageInputSchema,
  type BridgeAccount,
  type BridgeAttention,
  type BridgeFailedJob,
  type BridgeLocation,
  type BridgeLogEntry,
  type BridgePreview,
  type BridgeView,
} from '@makeries/shared';
import type { CounterCore } from '../index';
import type { ServerApi } from '../sync/transport';
import { askMarketplace, marketplaceApi, type MarketplaceCall } from './marketplace-call';
import { managerProcedure, router } from './trpc';

/** The POS can be slow behind the server (a catalog page, a token refresh); the back office says so instead of spinning. */
const TIMEOUT_MS = 20_000;

export const BRIDGES_OFFLINE = 'This counter is offline. The link with your point of sale needs the connection to the marketplace.';
export const BRIDGES_UNPAIRED = 'This counter is not paired with the marketplace. Pair it in Settings first.';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CALL: MarketplaceCall = { timeoutMs: TIMEOUT_MS, offline: () => new AppError('CONFLICT', BRIDGES_OFFLINE, { details: { offline: true } }) };

/** The marketplace as this paired device, with the signed-in owner's or manager's proof. Throws when unpaired or offline. */
function requireApi(core: CounterCore): ServerApi {
  const api = marketplaceApi(core, CALL);
  if (!api) throw new AppError('CONFLICT', BRIDGES_UNPAIRED, { details: { unpaired: true } });
  return api;
}

async function ask<T>(core: CounterCore, fn: (api: ServerApi) => Promise<T>): Promise<T> {
  const api = requireApi(core);
  return askMarketplace(CALL, () => fn(api));
}

/** Connecting, importing, options and disconnecting are the owner's; refused here before the marketplace is asked. */
function ownerOnly(role: string, what: string): void {
  if (role !== 'owner') throw new AppError('FORBIDDEN', `Only the shop owner can ${what}. Ask the owner to sign in.`);
}

const owner = (what: string) =>
  managerProcedure.use(({ ctx, next }) => {
    ownerOnly(ctx.staff.role, what);
    return next();
  });

/**
 * Back office → Point of sale: the shop's link with Square, Shopify or Toast (connect, location, first import with
 * its preview, options, sync log, failed jobs). Everything lives on the marketplace, so it needs the connection. Managers see
 * it and may sync and retry; only the owner connects, imports, changes options, pauses and disconnects.
 */
export const bridgesRouter = router({
  status: managerProcedure.query(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.status.query())),
  /** the POS's authorize page (Shopify's for the store address typed here), opened in the system browser */
  connectUrl: owner('connect the point of sale')
    .input(bridgeConnectInput)
    .mutation(({ ctx, input }): Promise<{ url: string }> => ask(ctx.core, (api) => api.bridges.connectUrl.mutate(input))),
  /** Toast: the restaurants that added Makeries on Toast's side, and whether this owner may claim each */
  partnerAccounts: owner('connect the point of sale')
    .input(bridgePartnerInput)
    .query(({ ctx, input }): Promise<Page<BridgeAccount>> => ask(ctx.core, (api) => api.bridges.partnerAccounts.query(input))),
  claimAccount: owner('connect the point of sale')
    .input(bridgeClaimInput)
    .mutation(({ ctx, input }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.claimAccount.mutate(input))),
  locations: owner('choose the point of sale location').query(({ ctx }): Promise<BridgeLocation[]> => ask(ctx.core, (api) => api.bridges.locations.query())),
  chooseLocation: owner('choose the point of sale location')
    .input(bridgeChooseLocationInput)
    .mutation(({ ctx, input }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.chooseLocation.mutate(input))),
  startImport: owner('import the catalog').mutation(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.startImport.mutate())),
  preview: managerProcedure.query(({ ctx }): Promise<BridgePreview | null> => ask(ctx.core, (api) => api.bridges.preview.query())),
  attention: managerProcedure
    .input(bridgeAttentionPageInput)
    .query(({ ctx, input }): Promise<Page<BridgeAttention>> => ask(ctx.core, (api) => api.bridges.attention.query(input))),
  applyImport: owner('import the catalog')
    .input(bridgeApplyInput)
    .mutation(({ ctx, input }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.applyImport.mutate(input))),
  setOptions: owner('change the point of sale options')
    .input(bridgeOptionsInput)
    .mutation(({ ctx, input }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.setOptions.mutate(input))),
  pause: owner('pause the point of sale link').mutation(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.pause.mutate())),
  resume: owner('resume the point of sale link').mutation(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.resume.mutate())),
  disconnect: owner('disconnect the point of sale').mutation(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.disconnect.mutate())),
  syncNow: managerProcedure.mutation(({ ctx }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.syncNow.mutate())),
  log: managerProcedure.input(pageInputSchema).query(({ ctx, input }): Promise<Page<BridgeLogEntry>> => ask(ctx.core, (api) => api.bridges.log.query(input))),
  failedJobs: managerProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<Page<BridgeFailedJob>> => ask(ctx.core, (api) => api.bridges.failedJobs.query(input))),
  retryJob: managerProcedure.input(bridgeRetryInput).mutation(({ ctx, input }): Promise<BridgeView> => ask(ctx.core, (api) => api.bridges.retryJob.mutate(input))),
});
