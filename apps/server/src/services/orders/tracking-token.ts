import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '../../env';

/**
 * Guest order access without a schema change: token = HMAC(server key, orderId + the checkout's idempotency key).
 * The idempotency key is a random uuid only the buying browser and the server know (it is never shown to
 * vendors), so the token cannot be forged from an order id alone; the server key is defence in depth.
 * The key comes from APP_SECRET (every instance sharing a database must share it) or the local secret file.
 */
function trackingKey(env: Env): Buffer {
  return createHash('sha256').update('makeries/order-tracking/v1\0').update(env.appSecret).digest();
}

export function orderTrackingToken(env: Env, orderId: string, idempotencyKey: string): string {
  return createHmac('sha256', trackingKey(env)).update(`${orderId}\0${idempotencyKey}`).digest('base64url');
}

export function verifyTrackingToken(env: Env, orderId: string, idempotencyKey: string, token: string): boolean {
  const expected = Buffer.from(orderTrackingToken(env, orderId, idempotencyKey));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
