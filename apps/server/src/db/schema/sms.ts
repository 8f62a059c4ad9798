import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { customers } from './auth';
import { notifications } from './notifications';
import { orders } from './orders';

/**
 * Text messages (issue 18). Numbers are E.164 (`+447700900123`). A number that texted STOP (or that the provider
 * reports as unsubscribed, Twilio error 21610) is opted out everywhere until it texts START: `opted_out_at` set.
 */
export const smsNumbers = pgTable(
  'sms_numbers',
  {
    phone: text('phone').primaryKey(),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true, mode: 'date' }),
    /** 'stop': the number texted an opt-out word; 'provider': the provider refused to send to it */
    optOutSource: text('opt_out_source', { enum: ['stop', 'provider'] }),
    updatedAt: updatedAt(),
  },
  (t) => [check('sms_numbers_source_chk', sql`(${t.optedOutAt} IS NULL) = (${t.optOutSource} IS NULL)`)],
);

/** A signed-in customer's mobile number and whether they want texts on it (the account page). */
export const customerSms = pgTable('customer_sms', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  enabled: boolean('enabled').notNull(),
  updatedAt: updatedAt(),
});

/** "Text me about this order" ticked at checkout: this order may be texted at this number. */
export const orderSms = pgTable('order_sms', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => orders.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  createdAt: createdAt(),
});

/**
 * Every text we handed to the provider, per notification and number: a retried delivery finds the one already
 * sent instead of texting twice, and the rows of the last hour are the per-number rate limit. `provider_id` is
 * null while the send is in flight (a row left so by a crash is sent again on retry).
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    providerId: text('provider_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.phone] }), index('sms_messages_phone_idx').on(t.phone, t.createdAt)],
);
