import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562) derived from `key`: the same key always gives the same id. Used for Stripe
 * refund ids so that retrying after no answer repeats the same request instead of refunding twice.
 */
export function stableUuid(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
