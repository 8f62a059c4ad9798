import { z } from 'zod';
import { formatDate } from '../format/format';
import { daysBetween, localDateIn } from '../time-zone/index';
import type { OrderStatus } from '../order-status';
import { pageInputSchema, uuidSchema } from './common';
import { operatorReasonSchema } from './admin';
import { text } from './text';

/** The operator console's orders area (issue 17): search, an order's timeline, refunds, disputes. */

/** One box: an order number (or its start), a customer's email, or a shop's name or slug. */
export const adminOrderSearchInput = pageInputSchema.extend({
  q: text({ max: 200, label: 'Searches' }).optional(),
  /** one shop's orders (a shop picked from a search) */
  vendorId: uuidSchema.optional(),
  channel: z.enum(['web', 'counter']).optional(),
});
export type AdminOrderSearchInput = z.infer<typeof adminOrderSearchInput>;

export type AdminPaymentStatus = 'unpaid' | 'pay_at_pickup' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded';

export interface AdminOrderRow {
  id: string;
  number: string;
  channel: 'web' | 'counter';
  status: OrderStatus;
  paymentStatus: AdminPaymentStatus;
  shop: { id: string; name: string; slug: string };
  customerName: string | null;
  customerEmail: string | null;
  totalCents: number;
  currency: string;
  placedAt: string;
}

export interface AdminOrderPage {
  items: AdminOrderRow[];
  nextCursor: string | null;
  /** how the box was read: 'all' (empty), 'number', 'email' or 'shop' */
  matchedBy: 'all' | 'number' | 'email' | 'shop';
}

export const adminOrderDetailInput = z.object({ orderId: uuidSchema });
export type AdminOrderDetailInput = z.infer<typeof adminOrderDetailInput>;

export type AdminTimelineKind = 'status' | 'payment' | 'transfer' | 'reversal' | 'refund' | 'email' | 'dispute';

/** One thing that happened to an order, at the time it was recorded. */
export interface AdminTimelineEvent {
  at: string;
  kind: AdminTimelineKind;
  title: string;
  detail: string;
  amountCents: number | null;
}

export interface AdminOrderLine {
  id: string;
  lineNo: number;
  name: string;
  variantName: string;
  quantity: number;
  soldBy: 'each' | 'weight';
  totalCents: number;
  /** units (grams for weight) and money an operator already refunded of this line */
  refundedQuantity: number;
  refundedCents: number;
}

export interface AdminDisputeView {
  id: string;
  chargeId: string;
  amountCents: number;
  currency: string;
  reason: string;
  status: string;
  open: boolean;
  evidenceDueBy: string | null;
  outcome: string | null;
  openedAt: string;
  closedAt: string | null;
  fundsWithdrawnAt: string | null;
  fundsReinstatedAt: string | null;
  orders: { id: string; number: string; shopName: string }[];
}

export interface AdminOrderDetail {
  order: AdminOrderRow & {
    fulfilment: 'pickup' | 'delivery' | 'counter';
    statusReason: string | null;
    subtotalCents: number;
    deliveryFeeCents: number;
    taxCents: number;
  };
  lines: AdminOrderLine[];
  /** the card payment behind the order, if any */
  payment: { kind: 'checkout' | 'terminal'; status: string; intentId: string | null; chargeId: string | null; amountCents: number } | null;
  transfer: { status: string; amountCents: number; reversedCents: number; transferId: string | null; destination: string } | null;
  /** what is left to give back by card (0 when nothing was paid by card) */
  refundableCents: number;
  /** true when the money would come back from the shop's transfer (else from the platform) */
  refundFromTransfer: boolean;
  timeline: AdminTimelineEvent[];
  disputes: AdminDisputeView[];
}

const refundLineSchema = z.object({ lineId: uuidSchema, quantity: z.number().int().min(1).max(1_000_000) });

/**
 * A refund made by the marketplace: either an amount (integer minor units) or some lines, never both. The
 * idempotency key is minted once per refund dialog, so a double click or a retry refunds once.
 */
export const adminOrderRefundInput = z
  .object({
    orderId: uuidSchema,
    idempotencyKey: text({ min: 8, max: 100, label: 'Idempotency keys' }),
    reason: operatorReasonSchema,
    amountCents: z.number().int().min(1, 'Refund at least 1 (minor unit)').max(100_000_000).optional(),
    lines: z.array(refundLineSchema).min(1).max(200).optional(),
  })
  .refine((v) => (v.amountCents === undefined) !== (v.lines === undefined), {
    error: 'Give either an amount or lines to refund, not both',
    path: ['amountCents'],
  });
export type AdminOrderRefundInput = z.infer<typeof adminOrderRefundInput>;

export interface AdminRefundResult {
  refundId: string;
  status: 'pending' | 'succeeded' | 'failed';
  amountCents: number;
  /** taken back from the shop's transfer */
  reversedCents: number;
  /** false when this key had already refunded (a double click): nothing new was refunded */
  created: boolean;
}

export const adminDisputeListInput = pageInputSchema.extend({
  state: z.enum(['open', 'closed']).default('open'),
});
export type AdminDisputeListInput = z.infer<typeof adminDisputeListInput>;

export interface AdminDisputePage {
  items: AdminDisputeView[];
  nextCursor: string | null;
}

/**
 * The evidence deadline said plainly: "Evidence due in 3 days — 10 Dec", "Evidence due today — 7 Dec",
 * "Evidence was due 2 days ago — 5 Dec". Days are counted between calendar dates in `timeZone`.
 */
export function evidenceDueLabel(dueBy: Date | string, now: Date, opts: { timeZone: string; locale?: string }): string {
  const due = new Date(dueBy);
  const days = daysBetween(localDateIn(opts.timeZone, now), localDateIn(opts.timeZone, due));
  const date = formatDate(due, 'dayMonth', opts);
  if (days === 0) return `Evidence due today — ${date}`;
  if (days === 1) return `Evidence due tomorrow — ${date}`;
  if (days > 1) return `Evidence due in ${days} days — ${date}`;
  return days === -1 ? `Evidence was due yesterday — ${date}` : `Evidence was due ${-days} days ago — ${date}`;
}
