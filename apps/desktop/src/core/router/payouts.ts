import { AppError, payoutsInput, type PayoutsResult } from '@makeries/shared';
import type { CounterCore } from '../index';
import type { ServerApi } from '../sync/transport';
import { askMarketplace, marketplaceApi, type MarketplaceCall } from './marketplace-call';
import { managerProcedure, router } from './trpc';

/** Stripe can be slow behind the server; the back office says so instead of spinning forever. */
const TIMEOUT_MS = 15_000;

export const PAYOUTS_OFFLINE = 'This counter is offline. Payments and payouts need the connection to the marketplace.';

type CardSetup = 'offline' | 'unpaired' | 'not_configured' | 'not_set_up' | 'pending' | 'enabled';

export interface ConnectView {
  /** what the Payments section shows: offline, not paired, no Stripe on this marketplace, not onboarded, pending, ready */
  setup: CardSetup;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** only an owner can start Stripe onboarding */
  canSetUp: boolean;
}

const CALL: MarketplaceCall = { timeoutMs: TIMEOUT_MS, offline: () => new AppError('CONFLICT', PAYOUTS_OFFLINE, { details: { offline: true } }) };

/** The marketplace as this paired device, or null when the counter is not paired. Throws offline when offline. */
function serverApi(core: CounterCore): ServerApi | null {
  // the signed-in manager or owner: the marketplace shows money and onboarding only with their proof
  return marketplaceApi(core, CALL);
}

function requireApi(core: CounterCore): ServerApi {
  const api = serverApi(core);
  if (!api) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace. Pair it in Settings first.', { details: { unpaired: true } });
  return api;
}

const ask = <T>(fn: () => Promise<T>): Promise<T> => askMarketplace(CALL, fn);

async function connectView(core: CounterCore, role: string, read: (api: ServerApi) => Promise<{ accountId: string | null; chargesEnabled: boolean; payoutsEnabled: boolean }>): Promise<ConnectView> {
  const canSetUp = role === 'owner';
  const view = (setup: CardSetup, chargesEnabled = false, payoutsEnabled = false): ConnectView => ({ setup, chargesEnabled, payoutsEnabled, canSetUp });
  if (!core.ctx.connectivity.online) return view(core.device.get().deviceId ? 'offline' : 'unpaired');
  const api = serverApi(core);
  if (!api) return view('unpaired');
  const status = await ask(() => api.payments.status.query());
  if (!status.cardConfigured) return view('not_configured');
  const s = await ask(() => read(api));
  if (!s.accountId) return view('not_set_up');
  return view(s.chargesEnabled && s.payoutsEnabled ? 'enabled' : 'pending', s.chargesEnabled, s.payoutsEnabled);
}

/**
 * Back office → Payments: the shop's Stripe onboarding and its card money per day, read from the marketplace
 * (online only — Stripe money is not in the counter's SQLite). Managers see it; only the owner starts onboarding.
 */
export const payoutsRouter = router({
  /** charges, fees, transfers, refunds and net per day in the shop's time zone */
  summary: managerProcedure.input(payoutsInput).query(({ ctx, input }): Promise<PayoutsResult> => {
    const api = requireApi(ctx.core);
    return ask(() => api.payments.payouts.query(input));
  }),
  connectStatus: managerProcedure.query(({ ctx }) => connectView(ctx.core, ctx.staff.role, (api) => api.payments.connect.status.query())),
  /** re-reads the account from Stripe (the owner is back from onboarding) */
  connectRefresh: managerProcedure.mutation(({ ctx }) => connectView(ctx.core, ctx.staff.role, (api) => api.payments.connect.refresh.mutate())),
  /** a fresh single-use Stripe onboarding link, opened in the system browser */
  connectLink: managerProcedure.mutation(({ ctx }) => {
    if (ctx.staff.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the shop owner can set up card payments. Ask the owner to sign in.');
    const api = requireApi(ctx.core);
    return ask(() => api.payments.connect.link.mutate({}));
  }),
});
