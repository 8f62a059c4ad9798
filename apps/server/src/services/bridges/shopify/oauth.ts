import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PosCredentials } from '../crypto';
import { PosError, type AuthResult } from '../types';
import { SHOPIFY_SCOPES, shopifyUrl, type ShopifyEnv } from './client';

export const SHOPIFY_CALLBACK_PATH = '/oauth/pos/shopify/callback';

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
/** a callback older than this is refused (a leaked callback URL cannot be replayed later) */
const CALLBACK_MAX_AGE_MS = 24 * 3_600_000;

function isShopDomain(shop: string): boolean {
  return SHOP_DOMAIN.test(shop);
}

export function authorizeUrl(env: ShopifyEnv, state: string, shop: string): string {
  if (!isShopDomain(shop)) throw new PosError('rejected', 'A Shopify shop address looks like your-shop.myshopify.com.');
  const q = new URLSearchParams({
    client_id: env.SHOPIFY_CLIENT_ID ?? '',
    scope: SHOPIFY_SCOPES.join(','),
    redirect_uri: `${env.PUBLIC_URL.replace(/\/$/, '')}${SHOPIFY_CALLBACK_PATH}`,
    state,
  });
  return `${shopifyUrl(env, shop, '/admin/oauth/authorize')}?${q.toString()}`;
}

/** Shopify's callback signature: hex HMAC-SHA256 (client secret) of the query without `hmac`, sorted by key, `k=v&…`. */
export function callbackHmac(secret: string, query: Record<string, string>): string {
  const message = Object.keys(query)
    .filter((k) => k !== 'hmac' && k !== 'signature')
    .sort()
    .map((k) => `${k}=${query[k] ?? ''}`)
    .join('&');
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function verifyCallback(secret: string, query: Record<string, string>, now = Date.now()): void {
  const given = query.hmac ?? '';
  const expected = Buffer.from(callbackHmac(secret, query), 'hex');
  const actual = /^[0-9a-f]+$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  if (secret === '' || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new PosError('auth', 'The answer from Shopify was not signed by Shopify; connect again from the back office.');
  }
  if (!isShopDomain(query.shop ?? '')) throw new PosError('auth', 'Shopify sent back a shop address that is not a myshopify.com shop.');
  const ts = Number(query.timestamp);
  if (!Number.isSafeInteger(ts) || now - ts * 1000 > CALLBACK_MAX_AGE_MS) throw new PosError('auth', 'The answer from Shopify is too old; connect again from the back office.');
}

/**
 * Shopify's token endpoint is per shop, but `refresh(credentials)` is given only the credentials: the shop domain
 * rides along inside them (sealed with the tokens).
 */
export interface ShopifyCredentials extends PosCredentials {
  shop: string;
}

export function shopOfCredentials(credentials: PosCredentials): string | null {
  const shop = (credentials as Partial<ShopifyCredentials>).shop;
  return typeof shop === 'string' && isShopDomain(shop) ? shop : null;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().default(''),
  expires_in: z.number().int().positive().nullish(),
  refresh_token: z.string().min(1).nullish(),
});

/** Both token calls (code exchange and refresh) are a JSON POST to the shop's `/admin/oauth/access_token`. */
async function tokenCall(env: ShopifyEnv, shop: string, body: Record<string, string>, now: number): Promise<{ credentials: ShopifyCredentials; scopes: string[] }> {
  let res: Response;
  try {
    res = await fetch(shopifyUrl(env, shop, '/admin/oauth/access_token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ client_id: env.SHOPIFY_CLIENT_ID ?? '', client_secret: env.SHOPIFY_CLIENT_SECRET ?? '', ...body }),
      signal: AbortSignal.timeout(env.POS_TIMEOUT_MS),
    });
  } catch (e) {
    throw new PosError('transient', `Shopify could not be reached (${e instanceof Error ? e.message : String(e)}).`);
  }
  const text = await res.text();
  if (res.status === 429 || res.status >= 500) throw new PosError(res.status === 429 ? 'rate_limited' : 'transient', `Shopify could not hand over a token just now (HTTP ${String(res.status)}).`);
  if (!res.ok) {
    const detail = /"error_description"\s*:\s*"([^"]{1,200})"/.exec(text)?.[1] ?? `HTTP ${String(res.status)}`;
    throw new PosError('auth', `Shopify refused to hand over a token (${detail}); connect Shopify again.`, null, 'TOKEN_REFUSED');
  }
  let parsed;
  try {
    parsed = tokenSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new PosError('transient', 'Shopify answered the token request with something unexpected.');
  const t = parsed.data;
  return {
    credentials: {
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? null,
      expiresAt: t.expires_in ? new Date(now + t.expires_in * 1000).toISOString() : null,
      shop,
    },
    scopes: t.scope
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
}

/** The callback, after our `state` was checked: signature, shop and age verified, then the code exchanged for expiring tokens. */
export async function completeAuth(env: ShopifyEnv, query: Record<string, string>, now = Date.now()): Promise<AuthResult> {
  verifyCallback(env.SHOPIFY_CLIENT_SECRET ?? '', query, now);
  const shop = query.shop ?? '';
  if (!query.code) throw new PosError('auth', 'Shopify sent no authorization code.');
  const r = await tokenCall(env, shop, { code: query.code, expiring: '1' }, now);
  return { credentials: r.credentials, connectionKey: shop, scopes: r.scopes.length > 0 ? r.scopes : [...(query.scope ?? '').split(',').filter((s) => s !== '')] };
}

/** Expiring offline tokens: 1 hour, and the refresh token rotates on every use (the new one is returned and stored). */
export async function refreshTokens(env: ShopifyEnv, credentials: PosCredentials, now = Date.now()): Promise<ShopifyCredentials> {
  const shop = shopOfCredentials(credentials);
  if (!credentials.refreshToken || !shop) throw new PosError('auth', 'Shopify gave no refresh token; connect Shopify again.');
  const r = await tokenCall(env, shop, { grant_type: 'refresh_token', refresh_token: credentials.refreshToken }, now);
  return { ...r.credentials, refreshToken: r.credentials.refreshToken ?? credentials.refreshToken };
}
