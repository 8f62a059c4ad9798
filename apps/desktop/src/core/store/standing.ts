import { AppError } from '@makeries/shared';
import type { CounterCore } from '../index';
import { marketplaceApi, type MarketplaceCall } from '../router/marketplace-call';

/**
 * The shop's standing with the marketplace (issue 17), for the back office's banner: waiting for approval,
 * rejected or suspended, with the operator's reason. It lives on the server; offline the last answer is kept, and
 * a counter that never reached the marketplace shows none. Selling and syncing never depend on it.
 */
export interface ShopStanding {
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  reason: string | null;
}

const CALL: MarketplaceCall = { timeoutMs: 8_000, offline: () => new AppError('CONFLICT', 'This counter is offline.') };
const lastKnown = new WeakMap<CounterCore, ShopStanding>();

export async function shopStanding(core: CounterCore): Promise<ShopStanding | null> {
  try {
    const api = marketplaceApi(core, CALL);
    if (!api) return null;
    const me = await api.auth.me.query();
    if (me.kind !== 'device' && me.kind !== 'staff') return lastKnown.get(core) ?? null;
    const standing: ShopStanding = { status: me.vendor.status, reason: me.vendor.statusReason };
    lastKnown.set(core, standing);
    return standing;
  } catch {
    // offline or the marketplace did not answer: the banner keeps what it last knew
    return lastKnown.get(core) ?? null;
  }
}
