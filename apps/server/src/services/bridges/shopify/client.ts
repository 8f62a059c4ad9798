import { createAdminApiClient, type AdminApiClient, type ClientResponse, type GraphQLError } from '@shopify/admin-api-client';
import type { Env } from '../../../env';
import { PosError, type ConnContext } from '../types';
import { recordThrottle, sleep, throttledWaitMs, waitBeforeSending, type ThrottleStatus } from './throttle';

export type ShopifyEnv = Pick<Env, 'SHOPIFY_CLIENT_ID' | 'SHOPIFY_CLIENT_SECRET' | 'SHOPIFY_CLIENT_SECRET_PREVIOUS' | 'SHOPIFY_API_BASE' | 'PUBLIC_URL' | 'POS_TIMEOUT_MS'>;

const SHOPIFY_API_VERSION = '2026-10';
export const SHOPIFY_SCOPES = ['read_products', 'read_inventory', 'write_inventory', 'read_locations', 'read_orders', 'write_orders'] as const;

/** THROTTLED answers waited out before giving the job queue a rate_limited error */
const THROTTLE_RETRIES = 3;
/** a THROTTLED wait longer than this goes back to the job queue instead of holding the worker */
const MAX_INLINE_WAIT_MS = 10_000;

/** `https://{shop}{path}`, or `{SHOPIFY_API_BASE}/shops/{shop}{path}` when a local fake stands in for Shopify. */
export function shopifyUrl(env: ShopifyEnv, shop: string, path: string): string {
  if (env.SHOPIFY_API_BASE) return `${env.SHOPIFY_API_BASE.replace(/\/$/, '')}/shops/${shop}${path}`;
  return `https://${shop}${path}`;
}

/** Every request of the GraphQL client goes through here: the fake's origin when configured, and our time limit. */
function fetchFor(env: ShopifyEnv) {
  return (url: string, init?: RequestInit): Promise<Response> => {
    const m = /^https:\/\/([^/]+)(\/.*)?$/.exec(url);
    const target = m && env.SHOPIFY_API_BASE ? shopifyUrl(env, m[1] ?? '', m[2] ?? '') : url;
    return fetch(target, { ...init, signal: AbortSignal.timeout(env.POS_TIMEOUT_MS) });
  };
}

function shopifyClient(env: ShopifyEnv, shop: string, accessToken: string): AdminApiClient {
  return createAdminApiClient({
    storeDomain: shop,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken,
    retries: 0,
    customFetchApi: fetchFor(env),
    // the library warns on the console about versions it does not know yet; ours is pinned on purpose
    logger: () => undefined,
  });
}

/** Retry-After is in seconds (the library's own retry reads it as milliseconds, hence parsed here). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

interface Cost {
  requested: number | null;
  status: ThrottleStatus | null;
}

function costOf(extensions: unknown): Cost {
  const cost = (extensions as { cost?: { requestedQueryCost?: unknown; throttleStatus?: Partial<ThrottleStatus> } } | undefined)?.cost;
  const t = cost?.throttleStatus;
  const status =
    t && typeof t.currentlyAvailable === 'number' && typeof t.restoreRate === 'number' && typeof t.maximumAvailable === 'number'
      ? { currentlyAvailable: t.currentlyAvailable, restoreRate: t.restoreRate, maximumAvailable: t.maximumAvailable }
      : null;
  return { requested: typeof cost?.requestedQueryCost === 'number' ? cost.requestedQueryCost : null, status };
}

function isThrottled(errors: readonly GraphQLError[] | undefined): boolean {
  return (errors ?? []).some((e) => e.extensions?.code === 'THROTTLED');
}

/**
 * A failed answer in the engine's terms. 401: the hour-long token ran out or was replaced (`expired`: the engine
 * refreshes once and retries; a second 401 counts as an authorization failure); 402/403/423: the shop is frozen,
 * the scope is missing or the shop is locked (`auth`); 429: Retry-After seconds; 5xx or no answer: `transient`;
 * GraphQL errors in a 200 (a query Shopify refuses): `rejected`, ACCESS_DENIED: `auth`.
 */
export function shopifyFailure(r: Pick<ClientResponse, 'errors'>, now = Date.now()): PosError {
  const e = r.errors ?? {};
  const status = e.networkStatusCode ?? 0;
  const first = e.graphQLErrors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
  const detail = first?.message ?? e.message ?? 'no answer';
  if (status === 401) return new PosError('expired', 'Shopify’s access token expired or was replaced.', null, 'UNAUTHORIZED');
  if (status === 402) return new PosError('auth', 'The Shopify shop is frozen (its plan is unpaid).', null, 'PAYMENT_REQUIRED');
  if (status === 403 || code === 'ACCESS_DENIED') return new PosError('auth', `Shopify refused Makeries’ access: ${detail}`, null, code ?? 'FORBIDDEN');
  if (status === 404) return new PosError('auth', 'Shopify does not know that shop any more.', null, 'NOT_FOUND');
  if (status === 423) return new PosError('auth', 'The Shopify shop is locked.', null, 'LOCKED');
  if (status === 429) return new PosError('rate_limited', 'Shopify asked us to slow down.', retryAfterMs(e.response?.headers.get('retry-after'), now), 'TOO_MANY_REQUESTS');
  if (status === 0 || status >= 500 || status === 408) return new PosError('transient', `Shopify could not be reached (${detail}).`, null, code);
  if (code === 'MAX_COST_EXCEEDED') return new PosError('rejected', `Shopify refused the query as too expensive: ${detail}`, null, code);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'IDEMPOTENCY_CONCURRENT_REQUEST') return new PosError('transient', `Shopify had a problem: ${detail}`, null, code);
  if (code === 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH') return new PosError('conflict', `Shopify: ${detail}`, null, code);
  return new PosError('rejected', `Shopify refused it: ${detail}`, null, code);
}

export interface GqlOptions {
  /** the query's estimated cost (points), waited for when the shop's bucket lacks it */
  cost?: number;
}

/**
 * One GraphQL call for a connection with our own throttle: waits when the shop's bucket lacks the estimated cost,
 * waits out THROTTLED answers (HTTP 200) a few times, then maps any failure to a PosError. Returns `data`.
 */
export async function gql<T>(env: ShopifyEnv, conn: Pick<ConnContext, 'connectionKey' | 'credentials'>, query: string, variables: Record<string, unknown> = {}, opts: GqlOptions = {}): Promise<T> {
  const shop = conn.connectionKey;
  const client = shopifyClient(env, shop, conn.credentials.accessToken);
  const estimate = opts.cost ?? 10;
  for (let attempt = 0; ; attempt++) {
    const wait = waitBeforeSending(shop, estimate);
    if (wait > 0) await sleep(Math.min(wait, MAX_INLINE_WAIT_MS));
    const r = (await client.request(query, { variables })) as ClientResponse<T>;
    const cost = costOf(r.extensions);
    if (cost.status) recordThrottle(shop, cost.status);
    if (r.errors && isThrottled(r.errors.graphQLErrors)) {
      const ms = throttledWaitMs(cost.requested ?? estimate, cost.status);
      if (attempt >= THROTTLE_RETRIES || ms > MAX_INLINE_WAIT_MS) throw new PosError('rate_limited', 'Shopify’s query budget for this shop is used up for now.', ms, 'THROTTLED');
      await sleep(ms);
      continue;
    }
    if (r.errors) throw shopifyFailure(r);
    if (r.data === undefined) throw new PosError('transient', 'Shopify answered without data.');
    return r.data;
  }
}

export interface UserError {
  code?: string | null;
  field?: readonly string[] | null;
  message: string;
}

/** Every mutation's `userErrors`: none → fine; a stale compare-and-set or an idempotency clash → conflict; else rejected. */
export function checkUserErrors(errors: readonly UserError[] | null | undefined, what: string): void {
  if (!errors || errors.length === 0) return;
  const message = errors.map((e) => e.message).join('; ');
  const codes = errors.map((e) => e.code ?? '');
  if (codes.includes('IDEMPOTENCY_CONCURRENT_REQUEST')) throw new PosError('transient', `Shopify is still working on ${what}; trying again shortly.`, null, 'IDEMPOTENCY_CONCURRENT_REQUEST');
  const conflict = codes.find((c) => c === 'CHANGE_FROM_QUANTITY_STALE' || c === 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
  if (conflict) throw new PosError('conflict', `Shopify: ${what}: ${message}`, null, conflict);
  throw new PosError('rejected', `Shopify refused ${what}: ${message}`, null, codes[0] || null);
}
