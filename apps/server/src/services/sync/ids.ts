import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, name-based) derived from a stable key, so a handler replayed after a lost response or an
 * epoch change writes the same ids and `ON CONFLICT (id) DO NOTHING` records it once.
 */
function derivedId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The ledger movement of one sold line. */
export const saleMovementId = (orderLineId: string): string => derivedId(`sync:sale:${orderLineId}`);

/** The ledger movement that puts one refunded line back on the shelf. */
export const refundMovementId = (refundId: string, orderLineId: string): string => derivedId(`sync:refund:${refundId}:${orderLineId}`);
