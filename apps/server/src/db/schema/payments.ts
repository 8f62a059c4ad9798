import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_refunds_vendor_idx').on(t.vendorId, t.createdAt),
    index('payment_refunds_order_idx').on(t.orderId).where(sql`${t.orderId} IS NOT NULL`),
    index('payment_refunds_updated_idx').on(t.updatedAt),
    check('payment_refunds_amount_chk', sql`${t.amountCents} > 0`),
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
