import { roundHalfUp } from '@makeries/shared';

/*
 * What the refund dialog shows before sending. It mirrors the counter's rule (core/refunds/refund-plan.ts):
 * a part of a line returns its share of what the line cost, and the last units return exactly what is left,
 * so refunding a line in parts adds up to its total. The counter computes the real amount.
 */

export interface RefundableLine {
  id: string;
  quantity: number;
  refundedQuantity: number;
  totalCents: number;
  refundedCents: number;
}

export function refundableQuantity(line: RefundableLine): number {
  return Math.max(0, line.quantity - line.refundedQuantity);
}

export function refundAmount(line: RefundableLine, quantity: number): number {
  if (quantity <= 0) return 0;
  const leftQty = refundableQuantity(line);
  const leftCents = line.totalCents - line.refundedCents;
  if (quantity >= leftQty) return leftCents;
  return Math.min(leftCents, roundHalfUp(line.totalCents * quantity, line.quantity));
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
