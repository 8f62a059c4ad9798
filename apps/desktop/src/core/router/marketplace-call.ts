import { dirname } from 'node:path';
import { AppError } from '@makeries/shared';
import type { CounterCore } from '../index';
import { createCredentialStore } from '../sync/credentials';
import { classifyFailure, createServerApi, timedFetch, type ServerApi } from '../sync/transport';
import { proofHeader } from '../staff/proofs';

const NEVER = new AbortController().signal;

export interface MarketplaceCall {
  /** the slowest answer worth waiting for (Stripe or Square behind the server) */
  timeoutMs: number;
  /** what staff read when the counter is offline, in this section's words */
  offline: () => AppError;
}

/**
 * The marketplace as this paired counter, carrying the proof of the person signed in here (back-office sections that
 * live on the server: payouts, the POS link). Null when the counter is not paired; throws `offline()` when offline.
 */
export function marketplaceApi(core: CounterCore, call: MarketplaceCall): ServerApi | null {
  const creds = createCredentialStore(dirname(core.file)).read();
  if (!creds) return null;
  if (!core.ctx.connectivity.online) throw call.offline();
  return createServerApi({
    serverUrl: creds.serverUrl,
    fetch: timedFetch(fetch, call.timeoutMs, () => NEVER),
    token: () => creds.token,
    staffProofs: () => proofHeader(core.ctx, [core.ctx.session.current?.staffId]),
  });
}

/** Server answers keep their words; no answer becomes the same "needs the connection" error as offline. */
export async function askMarketplace<T>(call: MarketplaceCall, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const f = classifyFailure(e);
    if (f.kind === 'offline') throw call.offline();
    if (f.kind === 'local') throw e instanceof AppError ? e : new AppError('INTERNAL', f.message);
    throw new AppError(f.code, f.message, { ...(f.issues ? { issues: f.issues } : {}), ...(f.details ? { details: f.details } : {}) });
  }
}
