import { AppError, isErrorCode, STAFF_PROOF_HEADER, type ErrorCode, type ErrorIssue } from '@makeries/shared';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
// type only: the counter never loads server code, it only agrees with the server's procedure types
import type { AppRouter } from '@makeries/server/router';
import { POKE_IDLE_MS } from './poke';
import type { Timers } from './timers';
import type { SyncTimeouts } from './types';

export type FetchLike = typeof fetch;

/**
 * The defaults of SyncTimeouts. "No answer within 8 s" is what turns the bar to Offline (a cashier should know
 * within 10 s); a big push to a busy server may still take longer than that, so the request itself is only
 * abandoned after 30 s, and an answer arriving in between turns the bar back to Online.
 */
export const DEFAULT_TIMEOUTS: SyncTimeouts = {
  answerMs: 8_000,
  requestMs: 30_000,
  pokeConnectMs: 10_000,
  pokeIdleMs: POKE_IDLE_MS,
  retryCapMs: 60_000,
};

export interface ServerApiOptions {
  serverUrl: string;
  fetch: FetchLike;
  /** the device token, read at each request so pairing and unpairing take effect at once */
  token: () => string | null;
  /** the staff proofs for this call (`x-makeries-staff`), for the calls that need a role; read at each request */
  staffProofs?: () => Promise<string | undefined> | string | undefined;
}

export type ServerApi = ReturnType<typeof createServerApi>;

export function trimUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The marketplace's tRPC API as this counter: `Authorization: Bearer <device token>` on every call, plus the
 * staff proofs of the person acting when the caller gives them (a device token alone only sells and syncs).
 */
export function createServerApi(opts: ServerApiOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${trimUrl(opts.serverUrl)}/trpc`,
        fetch: opts.fetch,
        headers: async () => {
          const token = opts.token();
          if (!token) return {};
          const proofs = await opts.staffProofs?.();
          return { authorization: `Bearer ${token}`, ...(proofs ? { [STAFF_PROOF_HEADER]: proofs } : {}) };
        },
      }),
    ],
  });
}

/**
 * A fetch that gives up after `timeoutMs` and when `lifetime()` aborts (the client stopping), so a server that
 * accepts the connection and then hangs cannot freeze sync forever.
 */
export function timedFetch(base: FetchLike, timeoutMs: number, lifetime: () => AbortSignal): FetchLike {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs), lifetime()];
    if (init?.signal) signals.push(init.signal);
    return base(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

export interface WatchHooks {
  /** the server has not started answering `answerMs` after the request was sent */
  silent: () => void;
  /** the server answered (any status below 500): it is there, however slow it was */
  answered: () => void;
}

/**
 * A fetch that tells `hooks.silent` when a request goes unanswered for `answerMs` (a hung process, a captive
 * portal, a dead proxy) and `hooks.answered` when an answer comes. The request itself goes on either way.
 */
export function watchedFetch(base: FetchLike, answerMs: number, timers: Timers, hooks: WatchHooks): FetchLike {
  return async (input, init) => {
    const watch = timers.setTimeout(hooks.silent, answerMs);
    try {
      const res = await base(input, init);
      if (res.status < 500) hooks.answered();
      return res;
    } finally {
      timers.clearTimeout(watch);
    }
  };
}

function isTimeout(e: unknown): boolean {
  for (let c: unknown = e; c instanceof Error; c = c.cause) if (c.name === 'TimeoutError') return true;
  return false;
}

/**
 * Why a request failed, in the terms sync acts on:
 * - offline: no answer, or the server failed (5xx) — retry with backoff, show "offline";
 * - unpaired: the server no longer knows this device token — retrying will not help until re-paired;
 * - refused: the server answered with a business error (4xx) — reachable, but the request needs attention;
 * - local: this counter failed to store what the server sent (a bug or a full disk), not a network problem.
 */
export interface Failure {
  kind: 'offline' | 'unpaired' | 'refused' | 'local';
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
}

interface ErrorData {
  httpStatus?: unknown;
  appCode?: unknown;
  issues?: unknown;
  details?: unknown;
}

export function classifyFailure(e: unknown): Failure {
  if (e instanceof AppError) return { kind: 'local', code: e.code, message: e.message };
  if (e instanceof TRPCClientError) {
    const data = (e.data ?? null) as ErrorData | null;
    const status = typeof data?.httpStatus === 'number' ? data.httpStatus : null;
    if (status === null || status >= 500) {
      const message = status !== null ? 'The server had a problem' : isTimeout(e) ? 'No answer from the marketplace' : 'Server unreachable';
      return { kind: 'offline', code: 'INTERNAL', message };
    }
    const code: ErrorCode = isErrorCode(data?.appCode) ? data.appCode : 'INTERNAL';
    const failure: Failure = { kind: code === 'UNAUTHENTICATED' ? 'unpaired' : 'refused', code, message: e.message };
    if (Array.isArray(data?.issues)) failure.issues = data.issues as ErrorIssue[];
    if (data?.details && typeof data.details === 'object') failure.details = data.details as Record<string, unknown>;
    return failure;
  }
  return { kind: 'local', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** A failure as the AppError an explicit staff action (pairing) throws, with the server's words kept. */
export function failureToAppError(f: Failure, serverUrl: string): AppError {
  if (f.kind === 'local') return new AppError(f.code, f.message);
  if (f.kind === 'offline') {
    return new AppError('INTERNAL', `Cannot reach the marketplace at ${serverUrl}. Check the network connection and try again.`, {
      details: { reason: 'offline' },
    });
  }
  return new AppError(f.code, f.message, {
    ...(f.issues ? { issues: f.issues } : {}),
    ...(f.details ? { details: f.details } : {}),
  });
}
