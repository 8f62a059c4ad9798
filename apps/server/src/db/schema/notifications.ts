import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DELIVERY_STATUSES, NOTIFY_CHANNELS, NOTIFY_TOPICS } from '@makeries/shared';
import { createdAt, id } from './columns';
import { customers } from './auth';
import { orders } from './orders';
import { vendors } from './vendors';

/**
 * One thing to tell a customer (issue 18): an order's new status, a shop's message, a product back in stock.
 * Written in the transaction of the change that causes it; `dedupe_key` (e.g. `order:<id>:ready`) makes a repeat a
 * no-op, so a retried request or a replayed counter push never tells anyone twice. Delivered by the `notify.deliver`
 * job (services/notify/deliver.ts) on every channel the customer has and allows; `done_at` set when it has been.
 * `customer_id` for a signed-in customer; `order_id` reaches a guest through what the order holds (the device that
 * ordered, the number given at checkout).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    dedupeKey: text('dedupe_key').notNull(),
    topic: text('topic', { enum: NOTIFY_TOPICS }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id').references(() => orders.id),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** a storefront path ('/orders/<id>', '/p/<slug>'); the channel makes it absolute (and adds a guest's token) */
    url: text('url').notNull(),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_customer_idx').on(t.customerId, t.id),
    index('notifications_order_idx').on(t.orderId),
    index('notifications_pending_idx').on(t.id).where(sql`${t.doneAt} IS NULL`),
    check('notifications_recipient_chk', sql`${t.customerId} IS NOT NULL OR ${t.orderId} IS NOT NULL`),
  ],
);

/** The record of what was sent where: one row per notification and channel (so never twice on one channel). */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: NOTIFY_CHANNELS }).notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    /** what the channel said: how many devices, the provider's message id, the last error */
    detail: text('detail').notNull().default(''),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.channel] }),
    check('notification_deliveries_attempts_chk', sql`${t.attempts} >= 0`),
  ],
);

/** A signed-in customer's choices per topic and channel; no row = the default (defaultNotifyPref). */
export const notificationPrefs = pgTable(
  'notification_prefs',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    topic: text('topic', { enum: NOTIFY_TOPICS }).notNull(),
    channel: text('channel', { enum: NOTIFY_CHANNELS }).notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.topic, t.channel] })],
);
