import type { SquareClient } from 'square';
import type { Env } from '../../../env';
import { PosError } from '../types';

export type SquareEnv = Pick<
  Env,
  'SQUARE_APPLICATION_ID' | 'SQUARE_APPLICATION_SECRET' | 'SQUARE_ENVIRONMENT' | 'SQUARE_API_BASE' | 'SQUARE_WEBHOOK_SIGNATURE_KEY' | 'SQUARE_WEBHOOK_URL' | 'PUBLIC_URL' | 'POS_TIMEOUT_MS'
>;

export const SQUARE_SCOPES = ['MERCHANT_PROFILE_READ', 'ITEMS_READ', 'INVENTORY_READ', 'INVENTORY_WRITE', 'ORDERS_READ', 'ORDERS_WRITE', 'PAYMENTS_WRITE'] as const;

/** the SDK's SquareEnvironment values, without loading the SDK for them */
const SQUARE_PRODUCTION = 'https://connect.squareup.com';
const SQUARE_SANDBOX = 'https://connect.squareupsandbox.com';

export function squareBase(env: SquareEnv): string {
  if (env.SQUARE_API_BASE) return env.SQUARE_API_BASE.replace(/\/$/, '');
  return env.SQUARE_ENVIRONMENT === 'production' ? SQUARE_PRODUCTION : SQUARE_SANDBOX;
}

type SquareSdk = typeof import('square');
let loaded: SquareSdk | null = null;

/**
 * The Square SDK holds ~80 MB of memory once loaded, so it loads with the first Square call of a process, not
 * with every server: a marketplace whose shops do not use Square never pays for it.
 */
async function squareSdk(): Promise<SquareSdk> {
  loaded ??= await import('square');
  return loaded;
}

/** The SDK retries 408/429/5xx itself (every method, POST too — hence an idempotency key on every write); once here, the job queue retries the rest. */
export async function squareClient(env: SquareEnv, token: string): Promise<SquareClient> {
  const { SquareClient } = await squareSdk();
  return new SquareClient({ token, baseUrl: squareBase(env), maxRetries: 1, timeoutInSeconds: Math.ceil(env.POS_TIMEOUT_MS / 1000) });
}

/** For the OAuth endpoints, which take the app's credentials in the body (or `Authorization: Client …`), no bearer. */
export async function squareAppClient(env: SquareEnv): Promise<SquareClient> {
  const { SquareClient } = await squareSdk();
  return new SquareClient({ baseUrl: squareBase(env), auth: false, maxRetries: 1, timeoutInSeconds: Math.ceil(env.POS_TIMEOUT_MS / 1000) });
}

type SquareError = InstanceType<SquareSdk['SquareError']>;

function header(e: SquareError, name: string): string | null {
  const h = e.rawResponse?.headers;
  return h ? h.get(name) : null;
}

function retryAfterMs(e: SquareError): number | null {
  const v = header(e, 'retry-after');
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A Square failure in the engine's terms, with Square's own detail kept for the sync log. */
function squareFailure(e: unknown): PosError {
  if (e instanceof PosError) return e;
  // a Square error comes from an SDK call, so the SDK is loaded by then
  if (loaded && e instanceof loaded.SquareTimeoutError) return new PosError('transient', 'Square did not answer in time.');
  if (!loaded || !(e instanceof loaded.SquareError)) {
    const message = e instanceof Error ? e.message : String(e);
    return new PosError('transient', `Square could not be reached (${message}).`);
  }
  const first = e.errors[0];
  const code = first?.code ?? null;
  const detail = first?.detail ?? e.message;
  const status = e.statusCode ?? 0;
  if (code === 'ACCESS_TOKEN_EXPIRED') return new PosError('expired', 'Square’s access token expired.', null, code);
  if (code === 'ACCESS_TOKEN_REVOKED') return new PosError('revoked', 'The shop removed Makeries’ access in Square.', null, code);
  if (status === 401 || status === 403 || code === 'INSUFFICIENT_SCOPES' || code === 'UNAUTHORIZED') {
    return new PosError('auth', `Square refused Makeries’ access: ${detail}`, null, code);
  }
  if (status === 429) return new PosError('rate_limited', `Square asked us to slow down: ${detail}`, retryAfterMs(e), code);
  if (status >= 500 || status === 408 || status === 0) return new PosError('transient', `Square had a problem: ${detail}`, null, code);
  if (code === 'VERSION_MISMATCH' || code === 'IDEMPOTENCY_KEY_REUSED' || status === 409) return new PosError('conflict', `Square: ${detail}`, null, code);
  return new PosError('rejected', `Square refused it: ${detail}`, null, code);
}

export async function sq<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw squareFailure(e);
  }
}
