import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, isoTime } from './columns';

/**
 * Messages between customers and the shop about web orders (issue 18). Rows come from the change feed (entity
 * 'order_message') and from replies written here, which the outbox delivers (same id, so the server's copy
 * replaces the local one). `seen` is this counter's own: a customer's message stays unread until staff open
 * the order. Not a mirror table: a re-bootstrap keeps replies and read marks.
 */
export const orderMessages = sqliteTable(
  'order_messages',
  {
    id: id(),
    orderId: text('order_id').notNull(),
    author: text('author', { enum: ['customer', 'shop'] }).notNull(),
    staffId: text('staff_id'),
    body: text('body').notNull().default(''),
    photoUrl: text('photo_url'),
    photoThumbUrl: text('photo_thumb_url'),
    createdAt: isoTime('created_at').notNull(),
    seen: integer('seen', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('order_messages_order_idx').on(t.orderId, t.id), index('order_messages_unseen_idx').on(t.seen, t.orderId)],
);

/** The shop's quick replies, tapped to send (editable at the counter). */
export const messageQuickReplies = sqliteTable('message_quick_replies', {
  id: id(),
  body: text('body').notNull(),
  sort: integer('sort').notNull(),
});
