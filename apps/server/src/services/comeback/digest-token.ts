import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '../../env';

/**
 * The unsubscribe link of the favourites digest works without signing in: token = customer id + HMAC(server key,
 * customer id). It can only turn the digest off, so it never expires; the key comes from APP_SECRET like the
 * tracking links' (services/orders/tracking-token.ts) but under its own label.
 */
function digestKey(env: Env): Buffer {
  return createHash('sha256').update('makeries/favourites-digest-unsubscribe/v1\0').update(env.appSecret).digest();
}

const sign = (env: Env, customerId: string) => createHmac('sha256', digestKey(env)).update(customerId).digest('base64url');

export function digestUnsubscribeToken(env: Env, customerId: string): string {
  return `${customerId}.${sign(env, customerId)}`;
}

/** The customer the token was made for, or null when it was not made by this marketplace. */
export function verifyDigestUnsubscribeToken(env: Env, token: string): string | null {
  const dot = token.indexOf('.');
  const customerId = token.slice(0, dot);
  if (dot < 0 || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(customerId)) return null;
  const expected = Buffer.from(sign(env, customerId));
  const given = Buffer.from(token.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : null;
}

export function digestUnsubscribeUrl(env: Env, customerId: string): string {
  return `${env.PUBLIC_URL.replace(/\/+$/, '')}/account/digest/unsubscribe?t=${encodeURIComponent(digestUnsubscribeToken(env, customerId))}`;
}
