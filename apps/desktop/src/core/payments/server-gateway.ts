import { AppError } from '@makeries/shared';
import { createCredentialStore } from '../sync/credentials';
import { classifyFailure, createServerApi, timedFetch, type FetchLike, type ServerApi } from '../sync/transport';
import { cardServiceError, type CardReader, type PaymentsGateway } from './gateway';

/** A reader can take a while to wake; Stripe itself can be slow. Past these, the counter says so and moves on. */
const START_TIMEOUT_MS = 30_000;
const QUICK_TIMEOUT_MS = 10_000;

export interface ServerGatewayOptions {
  /** the counter's data folder: the device token and the paired server's address are read from there */
  dataDir: string;
  fetch?: FetchLike;
  /** the staff proofs header for a call: the person signed in, plus `staffIds` (an approving manager) */
  proofs?: (staffIds: readonly string[]) => Promise<string | undefined>;
}

const NEVER = new AbortController().signal;

function toCardError(e: unknown): AppError {
  const f = classifyFailure(e);
  if (f.kind === 'offline') return cardServiceError('unreachable', 'Cannot reach the card service right now. Take cash or use the card machine.');
  if (f.kind === 'local') return e instanceof AppError ? e : new AppError('INTERNAL', f.message);
  // the server could not reach Stripe (or Stripe timed out): like no answer, the outcome of a write is unknown
  if (f.code === 'FULFILMENT_UNAVAILABLE') return cardServiceError('unreachable', f.message);
  return new AppError(f.code, f.message, { ...(f.issues ? { issues: f.issues } : {}), details: { ...(f.details ?? {}), cardService: 'refused' } });
}

function readerOf(r: { id: string; label?: string | null; status?: string | null }): CardReader {
  return { id: r.id, label: r.label ?? r.id, status: r.status ?? null };
}

/**
 * The server's `payments.*` procedures as this paired device (the same token and server as sync). Every call
 * has its own time limit, so a hung server or Stripe shows as "unreachable" instead of a frozen till.
 */
export function createServerGateway(opts: ServerGatewayOptions): PaymentsGateway {
  const base = opts.fetch ?? fetch;
  const call = async <T>(timeoutMs: number, fn: (api: ServerApi) => Promise<T>, staffIds: readonly string[] = []): Promise<T> => {
    // read each time: pairing and unpairing happen while the counter runs
    const creds = createCredentialStore(opts.dataDir).read();
    if (!creds) throw cardServiceError('refused', 'This counter is not paired with the marketplace, so it cannot take cards on a reader.');
    const api = createServerApi({
      serverUrl: creds.serverUrl,
      fetch: timedFetch(base, timeoutMs, () => NEVER),
      token: () => creds.token,
      ...(opts.proofs ? { staffProofs: () => opts.proofs?.(staffIds) } : {}),
    });
    try {
      return await fn(api);
    } catch (e) {
      throw toCardError(e);
    }
  };
  return {
    status: () => call(QUICK_TIMEOUT_MS, (api) => api.payments.status.query()),
    readers: async () => (await call(QUICK_TIMEOUT_MS, (api) => api.payments.terminal.readers.query())).map(readerOf),
    registerReader: async (input) => readerOf(await call(START_TIMEOUT_MS, (api) => api.payments.terminal.registerReader.mutate(input))),
    start: (input) => call(START_TIMEOUT_MS, (api) => api.payments.terminal.start.mutate(input)),
    paymentStatus: (paymentIntentId) => call(QUICK_TIMEOUT_MS, (api) => api.payments.terminal.status.query({ paymentIntentId })),
    cancel: (paymentIntentId) => call(START_TIMEOUT_MS, (api) => api.payments.terminal.cancel.mutate({ paymentIntentId })),
    refund: async (input, staffIds = []) => {
      await call(START_TIMEOUT_MS, (api) => api.payments.terminal.refund.mutate(input), staffIds);
    },
  };
}
