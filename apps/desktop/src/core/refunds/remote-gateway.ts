import { AppError, type CounterRefundRecord, type CounterSaleRecord, type SaleRefundArgs } from '@makeries/shared';
import { createCredentialStore } from '../sync/credentials';
import { classifyFailure, createServerApi, timedFetch, type FetchLike, type ServerApi } from '../sync/transport';

/**
 * The server's `counterSales.*` procedures as this paired device: find a sale of any register of the shop, and
 * refund it there and then (the server refuses what another register already refunded). Every method throws
 * AppError; `details.unreachable` is true when no answer came (for a refund: it may or may not be recorded,
 * and a retry with the same refund id is safe).
 */
export interface RemoteSales {
  find(by: { number: string } | { saleId: string }): Promise<CounterSaleRecord>;
  refund(args: SaleRefundArgs): Promise<CounterRefundRecord>;
}

/** Long enough for a busy server; short enough that a cashier with a customer waiting hears "no answer". */
const FIND_TIMEOUT_MS = 5_000;
const REFUND_TIMEOUT_MS = 10_000;
const NEVER = new AbortController().signal;

export function isUnreachable(e: unknown): boolean {
  return e instanceof AppError && e.details?.unreachable === true;
}

function toAppError(e: unknown): AppError {
  const f = classifyFailure(e);
  if (f.kind === 'offline') return new AppError('CONFLICT', 'No answer from the marketplace.', { details: { unreachable: true } });
  if (f.kind === 'local') return e instanceof AppError ? e : new AppError('INTERNAL', f.message);
  return new AppError(f.code, f.message, { ...(f.issues ? { issues: f.issues } : {}), ...(f.details ? { details: f.details } : {}) });
}

export function createServerRemoteSales(opts: {
  dataDir: string;
  fetch?: FetchLike;
  /** the staff proofs header for a refund: who refunds and the approving manager */
  proofs?: (staffIds: readonly string[]) => Promise<string | undefined>;
}): RemoteSales {
  const base = opts.fetch ?? fetch;
  const call = async <T>(timeoutMs: number, fn: (api: ServerApi) => Promise<T>, staffIds: readonly string[] = []): Promise<T> => {
    // read each time: pairing and unpairing happen while the counter runs
    const creds = createCredentialStore(opts.dataDir).read();
    // like no answer: nothing can be asked, so a refund of this register's own sale is recorded here only
    if (!creds) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace.', { details: { unreachable: true } });
    const api = createServerApi({
      serverUrl: creds.serverUrl,
      fetch: timedFetch(base, timeoutMs, () => NEVER),
      token: () => creds.token,
      ...(opts.proofs ? { staffProofs: () => opts.proofs?.(staffIds) } : {}),
    });
    try {
      return await fn(api);
    } catch (e) {
      throw toAppError(e);
    }
  };
  return {
    find: (by) => call(FIND_TIMEOUT_MS, (api) => api.counterSales.find.query(by)),
    refund: (args) => call(REFUND_TIMEOUT_MS, (api) => api.counterSales.refund.mutate(args), [args.staffId, ...(args.approvedBy ? [args.approvedBy] : [])]),
  };
}

/** For a counter with no marketplace (tests of the rest of the core): every call finds nobody there. */
export const noRemoteSales: RemoteSales = {
  find: () => Promise.reject(new AppError('CONFLICT', 'No answer from the marketplace.', { details: { unreachable: true } })),
  refund: () => Promise.reject(new AppError('CONFLICT', 'No answer from the marketplace.', { details: { unreachable: true } })),
};
