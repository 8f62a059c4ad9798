import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { operators } from './operators';
import { checkouts, orders } from './orders';
import { vendors } from './vendors';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every verified Stripe webhook, stored once by Stripe's event id; processing happens in a job. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  /** Stripe's `created` (seconds), used to ignore stale account snapshots */
  stripeCreated: integer('stripe_created').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  receivedAt: createdAt(),
  processedAt: at('processed_at'),
});

/** One Stripe PaymentIntent: a storefront checkout's card payment or a counter's Terminal payment. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['checkout', 'terminal'] }).notNull(),
    /** web: the checkout; terminal: null */
    checkoutId: uuid('checkout_id').references(() => checkouts.id),
    /** terminal: the shop and the counter's sale id + attempt number */
    vendorId: uuid('vendor_id').references(() => vendors.id),
    saleId: uuid('sale_id'),
    attempt: integer('attempt').notNull().default(1),
    readerId: text('reader_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    clientSecret: text('client_secret'),
    amountCents: integer('amount_cents').notNull(),
    feeCents: integer('fee_cents').notNull().default(0),
    refundedCents: integer('refunded_cents').notNull().default(0),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'canceled'] }).notNull().default('pending'),
    failureMessage: text('failure_message'),
    /** when the last card attempt on this intent was declined (payment_intent.payment_failed) */
    lastFailedAt: at('last_failed_at'),
    /** the charge that succeeded (the intent's latest_charge): disputes name the charge */
    stripeChargeId: text('stripe_charge_id'),
    succeededAt: at('succeeded_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_idempotency_uq').on(t.idempotencyKey),
    uniqueIndex('payments_intent_uq').on(t.stripePaymentIntentId),
    index('payments_checkout_idx').on(t.checkoutId),
    index('payments_sale_idx').on(t.saleId),
    index('payments_vendor_day_idx').on(t.vendorId, t.succeededAt),
    index('payments_charge_idx').on(t.stripeChargeId),
    check('payments_amount_chk', sql`${t.amountCents} > 0`),
  ],
);

/** One vendor order's share of a checkout payment, sent to the vendor's account when they accept. */
export const paymentTransfers = pgTable(
  'payment_transfers',
  {
    orderId: uuid('order_id').primaryKey().references(() => orders.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    destination: text('destination').notNull(),
    amountCents: integer('amount_cents').notNull(),
    feeCents: integer('fee_cents').notNull(),
    reversedCents: integer('reversed_cents').notNull().default(0),
    currency: text('currency').notNull(),
    stripeTransferId: text('stripe_transfer_id'),
    /** part of the idempotency key: bumped only after Stripe definitively refused a transfer (it saves that answer per key) */
    keyAttempt: integer('key_attempt').notNull().default(1),
    status: text('status', { enum: ['pending', 'paid', 'failed'] }).notNull().default('pending'),
    paidAt: at('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('payment_transfers_vendor_idx').on(t.vendorId, t.paidAt)],
);

/** Card money given back: a rejected/cancelled vendor order's share, or a counter/back-office refund. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    /** our id (the counter's refund id, or one derived from the order): also the Stripe idempotency key */
    id: text('id').primaryKey(),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    orderId: uuid('order_id').references(() => orders.id),
    amountCents: integer('amount_cents').notNull(),
    /** the part taken back from the vendor's transfer */
    reversedCents: integer('reversed_cents').notNull().default(0),
    currency: text('currency').notNull(),
    stripeRefundId: text('stripe_refund_id'),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull().default('pending'),
    /** an operator's refund (issue 17): who, why, and which lines (null: an amount) */
    reason: text('reason'),
    operatorId: uuid('operator_id').references(() => operators.id),
    lines: jsonb('lines').$type<RefundedLine[] | null>(),
    succeededAt: at('succeeded_at'),
    /** the reversal of the shop's transfer that paid for this refund (web orders whose transfer was sent) */
    stripeReversalId: text('stripe_reversal_id'),
    reversedAt: at('reversed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_refunds_vendor_idx').on(t.vendorId, t.createdAt),
    index('payment_refunds_order_idx').on(t.orderId),
    index('payment_refunds_updated_idx').on(t.updatedAt),
    check('payment_refunds_amount_chk', sql`${t.amountCents} > 0`),
  ],
);

/** One order line given back by an operator's refund: how many units and what they returned. */
export interface RefundedLine {
  lineId: string;
  quantity: number;
  cents: number;
}

/**
 * A Stripe dispute (chargeback) on one of our charges, kept from its `charge.dispute.*` webhooks. State only moves
 * forward: an event older than the last one applied (Stripe's `created`) never overwrites it, and a closed dispute
 * never reopens.
 */
export const disputes = pgTable(
  'disputes',
  {
    /** Stripe's dispute id (`dp_…`) */
    id: text('id').primaryKey(),
    /** our card payment behind the disputed charge (null if the charge is not one of ours) */
    paymentId: uuid('payment_id').references(() => payments.id),
    chargeId: text('charge_id').notNull(),
    paymentIntentId: text('payment_intent_id'),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    open: boolean('open').notNull(),
    evidenceDueBy: at('evidence_due_by'),
    /** won / lost / warning_closed once closed */
    outcome: text('outcome'),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
    fundsWithdrawnAt: at('funds_withdrawn_at'),
    fundsReinstatedAt: at('funds_reinstated_at'),
    /** Stripe's `created` (seconds) of the newest event applied */
    lastEventCreated: integer('last_event_created').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('disputes_payment_idx').on(t.paymentId),
    index('disputes_open_due_idx').on(t.evidenceDueBy, t.id).where(sql`${t.open}`),
    index('disputes_closed_idx').on(t.closedAt.desc(), t.id.desc()).where(sql`NOT ${t.open}`),
  ],
);

/** Card readers registered by a shop's counters (server-driven Stripe Terminal). */
export const terminalReaders = pgTable(
  'terminal_readers',
  {
    id: text('id').primaryKey(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    label: text('label').notNull(),
    deviceType: text('device_type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('terminal_readers_vendor_idx').on(t.vendorId)],
);
