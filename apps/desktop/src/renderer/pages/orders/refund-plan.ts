import { refundAmount, refundableQuantity, type RefundableLine as AmountLine } from '@makeries/shared';

/*
 * What the refund dialog shows before sending, with the counter's own amount rule (@makeries/shared
 * refund-amounts): the counter computes the real amount the same way when it records the refund.
 */

export interface RefundableLine extends AmountLine {
  id: string;
}

/** Everything still refundable on the receipt (the "full refund" starting point). */
export function everything(lines: readonly RefundableLine[]): Record<string, number> {
  return Object.fromEntries(lines.map((l) => [l.id, refundableQuantity(l)]));
}

export function refundTotal(lines: readonly RefundableLine[], chosen: Record<string, number>): number {
  return lines.reduce((s, l) => s + refundAmount(l, chosen[l.id] ?? 0), 0);
}

/** The request lines: only those with something chosen; null when it is everything left (a full refund). */
export function requestLines(lines: readonly RefundableLine[], chosen: Record<string, number>): { saleLineId: string; quantity: number }[] | null {
  const picked = lines.map((l) => ({ saleLineId: l.id, quantity: Math.min(chosen[l.id] ?? 0, refundableQuantity(l)) })).filter((r) => r.quantity > 0);
  const all = lines.every((l) => (chosen[l.id] ?? 0) >= refundableQuantity(l));
  return all ? null : picked;
}
