import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, isoTime, money } from './columns';

/**
 * Card payments started on a Stripe Terminal reader for an open cart. Written before the reader is asked to take
 * the card, so a crash mid-payment never loses a charge: on restart the cart shows the attempt and it is resumed,
 * recorded or cancelled. `status` only moves forward from `waiting`.
 */
export const cardAttempts = sqliteTable(
  'card_attempts',
  {
    id: id(),
    cartId: text('cart_id').notNull(),
    /** the sale this attempt paid, once recorded on it */
    saleId: text('sale_id'),
    readerId: text('reader_id').notNull(),
    paymentIntentId: text('payment_intent_id'),
    amountCents: money('amount_cents').notNull(),
    status: text('status', { enum: ['starting', 'waiting', 'succeeded', 'failed', 'canceled', 'recorded'] }).notNull(),
    message: text('message'),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [index('card_attempts_cart_idx').on(t.cartId), uniqueIndex('card_attempts_pi_uq').on(t.paymentIntentId)],
);
