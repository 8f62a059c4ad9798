import { z } from 'zod';
import { bpsSchema, centsSchema, currencySchema, uuidSchema } from './common';
import { text } from './text';

/** What the storefront and the counter may offer right now (no keys → pay at pickup / cash only). */
export const paymentsStatusResult = z.object({
  cardConfigured: z.boolean(),
  /** the calling counter's shop can take Stripe Terminal payments (keys set and its Stripe account enabled) */
  terminalAvailable: z.boolean(),
  publishableKey: z.string().nullable(),
});
export type PaymentsStatus = z.infer<typeof paymentsStatusResult>;

// ---- Stripe Terminal (server-driven, counters) ----

const stripeId = (prefix: string, what: string) =>
  z.string().trim().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]+$`), `That is not a ${what} id`).max(255);

export const readerIdSchema = stripeId('tmr', 'card reader');
export const paymentIntentIdSchema = stripeId('pi', 'card payment');

export const terminalRegisterReaderInput = z.object({
  /** the code the reader shows (e.g. "simulated-wpe" for Stripe's simulated reader) */
  registrationCode: text({ min: 1, minMessage: 'Enter the code shown on the reader', max: 100, label: 'Reader codes' }),
  label: text({ min: 1, minMessage: 'Give the reader a name', max: 60, label: 'Names' }),
});
export type TerminalRegisterReaderInput = z.infer<typeof terminalRegisterReaderInput>;

export const terminalReader = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['online', 'offline']),
  deviceType: z.string(),
});
export type TerminalReader = z.infer<typeof terminalReader>;

export const terminalStartInput = z.object({
  /** the counter's sale id (UUIDv7, minted with the sale): with the attempt number it makes the idempotency key */
  saleId: uuidSchema,
  amountCents: centsSchema.min(1, 'A card payment must be more than zero'),
  readerId: readerIdSchema,
});
export type TerminalStartInput = z.infer<typeof terminalStartInput>;

export const TERMINAL_PAYMENT_STATUSES = ['waiting', 'succeeded', 'failed', 'canceled'] as const;
export type TerminalPaymentStatus = (typeof TERMINAL_PAYMENT_STATUSES)[number];

export const terminalStartResult = z.object({
  paymentIntentId: z.string(),
  status: z.enum(TERMINAL_PAYMENT_STATUSES),
});
export type TerminalStartResult = z.infer<typeof terminalStartResult>;

export const terminalPaymentInput = z.object({ paymentIntentId: paymentIntentIdSchema });
export type TerminalPaymentInput = z.infer<typeof terminalPaymentInput>;

export const terminalStatusResult = z.object({
  status: z.enum(TERMINAL_PAYMENT_STATUSES),
  /** why it failed, in words a cashier can read out ("Card declined") */
  message: z.string().optional(),
});
export type TerminalStatusResult = z.infer<typeof terminalStatusResult>;

export const terminalRefundInput = z.object({
  paymentIntentId: paymentIntentIdSchema,
  amountCents: centsSchema.min(1, 'A refund must be more than zero'),
  /** the counter's refund id (UUIDv7): the idempotency key, so a retried refund pays back once */
  refundId: uuidSchema,
});
export type TerminalRefundInput = z.infer<typeof terminalRefundInput>;

export const terminalRefundResult = z.object({
  refundId: z.string(),
  status: z.enum(['succeeded', 'pending', 'failed']),
  amountCents: z.number().int(),
});
export type TerminalRefundResult = z.infer<typeof terminalRefundResult>;

// ---- Storefront card checkout ----

export const cardIntentInput = z.object({
  checkoutId: uuidSchema,
  /** the checkout's own idempotency key: proves the caller placed it (guests have no account) */
  idempotencyKey: uuidSchema,
});
export type CardIntentInput = z.infer<typeof cardIntentInput>;

export const cardIntentResult = z.object({
  paymentIntentId: z.string(),
  clientSecret: z.string(),
  publishableKey: z.string(),
  amountCents: z.number().int(),
  currency: currencySchema,
  status: z.enum(['requires_payment', 'processing', 'succeeded', 'canceled']),
});
export type CardIntentResult = z.infer<typeof cardIntentResult>;

// ---- Connect onboarding (owners) ----

export const connectLinkInput = z.object({
  /** where Stripe sends the owner back; defaults to the server's PUBLIC_URL */
  returnUrl: z.url().optional(),
});
export type ConnectLinkInput = z.infer<typeof connectLinkInput>;

export const connectStatusResult = z.object({
  accountId: z.string().nullable(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  platformFeeBps: bpsSchema,
});
export type ConnectStatus = z.infer<typeof connectStatusResult>;

// ---- Payouts view (back office) ----

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-01-31');

export const payoutsInput = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { error: 'The start date must be before the end date', path: ['to'] });
export type PayoutsInput = z.infer<typeof payoutsInput>;

export const payoutDay = z.object({
  date: isoDate,
  /** card payments taken for this shop (web order totals paid + counter card payments) */
  chargesCents: z.number().int(),
  /** platform fees kept by the marketplace */
  feesCents: z.number().int(),
  /** money sent to the shop's Stripe account (net of fees, after reversals) */
  transfersCents: z.number().int(),
  /** card money given back to customers */
  refundsCents: z.number().int(),
  /** charges − fees − refunds */
  netCents: z.number().int(),
});
export type PayoutDay = z.infer<typeof payoutDay>;

export const payoutsResult = z.object({ currency: currencySchema, days: z.array(payoutDay) });
export type PayoutsResult = z.infer<typeof payoutsResult>;

// ---- Which shops in a cart can take cards (storefront) ----

export const cardShopsInput = z.object({ vendorIds: z.array(uuidSchema).min(1).max(20) });
export type CardShopsInput = z.infer<typeof cardShopsInput>;

export const cardShopsResult = z.object({
  /** card can be offered for this cart: payments configured and every shop can take cards */
  available: z.boolean(),
  /** shops that cannot take cards yet (the customer pays those at pickup) */
  unavailableVendorIds: z.array(z.string()),
});
export type CardShopsResult = z.infer<typeof cardShopsResult>;
