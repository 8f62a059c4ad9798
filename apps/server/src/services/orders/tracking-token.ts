import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '../../env';

/**
 * Guest order access without a schema change: token = HMAC(server key, orderId + the checkout's idempotency key).
 * The idempotency key is a random uuid only the buying browser and the server know (it is never shown to
 * vendors), so the token cannot be forged from an order id alone; the server key is defence in depth.
 * The key is derived from configuration that is already secret (the database URL, or the local data dir
 * for embedded PGlite), so every instance sharing a database derives the same key.
 */
function trackingKey(env: Env): Buffer {
  const material = env.DATABASE_URL ?? env.serverDataDir;
  return createHash('sha256').update('makeries/order-tracking/v1\0').update(material).digest();
}

export function orderTrackingToken(env: Env, orderId: string, idempotencyKey: string): string {
  return createHmac('sha256', trackingKey(env)).update(`${orderId}\0${idempotencyKey}`).digest('base64url');
}

export function verifyTrackingToken(env: Env, orderId: string, idempotencyKey: string, token: string): boolean {
  const expected = Buffer.from(orderTrackingToken(env, orderId, idempotencyKey));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
