import { z } from 'zod';
import { uuidSchema } from './common';
import type { OrderLineView } from './orders';
import type { SaleRefundArgs } from './sync';
import { text } from './text';

/*
 * Refunds across the registers of one shop (online only). A counter finds a sale another register made by its
 * receipt number (as printed, typed or read from the receipt's QR code) or by id, and refunds it on the server
 * synchronously: the server is the one place that knows what every register has already refunded.
 */

/** Exactly one of: the receipt number ("B-000042", "b-42"), or the sale's id. */
export const counterSaleLookupInput = z
  .object({
    number: text({
      min: 1,
      minMessage: 'Type or scan a receipt number',
      max: 40,
      maxMessage: 'A receipt number is at most 40 characters',
      label: 'Receipt numbers',
    }).optional(),
    saleId: uuidSchema.optional(),
  })
  .strict()
  .refine((v) => (v.number === undefined) !== (v.saleId === undefined), { error: 'Give a receipt number or a sale id (one of them)' });
export type CounterSaleLookupInput = z.input<typeof counterSaleLookupInput>;

/** A counter sale as the server holds it, with what every register has refunded of each line so far. */
export interface CounterSaleRecord {
  id: string;
  number: string;
  /** the register that sold it (its code, and its name as paired) */
  registerCode: string;
  registerName: string | null;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  roundingCents: number;
  totalCents: number;
  note: string;
  staffId: string | null;
  customerId: string | null;
  completedAt: string;
  /** each line as an order shows it, with what any register has refunded of it so far */
  lines: (OrderLineView & { refundedQuantity: number; refundedCents: number })[];
  payments: { id: string; kind: 'cash' | 'external_card' | 'stripe_terminal'; amountCents: number; tenderedCents: number; changeCents: number; reference: string | null }[];
}

/** What the server recorded for a refund: on a replay (same id) the first recording, unchanged. */
export interface CounterRefundRecord {
  /** false when this id had already been recorded (a retry after a lost answer): nothing new was refunded */
  created: boolean;
  refund: Pick<SaleRefundArgs, 'id' | 'orderId' | 'number' | 'totalCents' | 'tender' | 'restock'> & {
    refundedAt: string;
    lines: { orderLineId: string; quantity: number; amountCents: number }[];
  };
}
