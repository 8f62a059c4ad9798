import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { orders } from './orders';

export const ORDER_EMAIL_KINDS = ['confirmation', 'ready', 'cancelled', 'rejected'] as const;
export type OrderEmailKind = (typeof ORDER_EMAIL_KINDS)[number];
/** every kind in the outbox: the order events above, a counter receipt staff chose to email, and account emails (no order) */
export const EMAIL_KINDS = [
  ...ORDER_EMAIL_KINDS,
  'receipt',
  'password_reset',
  'email_verification',
  'account_exists',
  'pos_alert',
  // issue 17: a card refund (to the customer), and to the shop: a refund the marketplace made, a dispute opened
  'refund',
  'shop_refund',
  'shop_dispute',
  // issue 17: what the operator hid or restored, to the shop
  'content_notice',
  // issue 17: the shop's standing with the marketplace (approved, rejected, suspended, reinstated), to the owner
  'shop_status',
  // issue 18: a notification on the email channel (a shop's message, back in stock); ref = the notification id
  'notification',
  // issue 18: the opt-in weekly email of new products from a customer's favourite shops
  'favourites_digest',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * Durable outbox of customer emails: written in the same transaction as the order change that causes it, then
 * sent by its `email.send` job (services/email/sender.ts, on the job runtime). One row per (order, kind), so an email is queued once however often the change is retried.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    orderId: uuid('order_id').references(() => orders.id),
    kind: text('kind', { enum: EMAIL_KINDS }).notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** tells apart several emails of one kind about one order (a refund's id, a dispute's id); '' for the rest */
    ref: text('ref').notNull().default(''),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('email_outbox_order_kind_uq').on(t.orderId, t.kind, t.ref),
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    check('email_outbox_attempts_chk', sql`${t.attempts} >= 0`),
  ],
);
