import { roundHalfUp } from './money';

/** What a refund needs to know of one sale line: what it cost in all, and what was already given back. */
export interface RefundableLine {
  quantity: number;
  refundedQuantity: number;
  /** the line's total after discounts and tax */
  totalCents: number;
  refundedCents: number;
}

/** Units of the line not refunded yet. */
export function refundableQuantity(line: RefundableLine): number {
  return Math.max(0, line.quantity - line.refundedQuantity);
}

/**
 * The money back for `quantity` units of a line: their share of what the line cost, rounded half up. The last
 * units return exactly what is left, so refunding a line in parts adds up to its total and never more. Used by
 * the counter when it records a refund and by the refund dialog before it sends one, so both show one figure.
 */
export function refundAmount(line: RefundableLine, quantity: number): number {
  if (quantity <= 0) return 0;
  const leftCents = line.totalCents - line.refundedCents;
  if (quantity >= refundableQuantity(line)) return leftCents;
  return Math.min(leftCents, roundHalfUp(line.totalCents * quantity, line.quantity));
}
