import { index, primaryKey, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './auth';
import { createdAt, id } from './columns';
import { orders } from './orders';

/**
 * A browser that accepted web push (issue 18): its push service endpoint (unique — the same device subscribing
 * again updates its row), the keys the payload is encrypted to (RFC 8291), and whose it is: a signed-in customer
 * (`customer_id`), and/or the orders a guest's device follows (push_subscription_orders). Deleted when the push
 * service answers 404/410 (the browser dropped it) or the customer turns push off on that device.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint), index('push_subscriptions_customer_idx').on(t.customerId)],
);

/** The orders a device follows: a guest subscribed from the tracking page of an order they placed (token-proved). */
export const pushSubscriptionOrders = pgTable(
  'push_subscription_orders',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.orderId] }), index('push_subscription_orders_order_idx').on(t.orderId)],
);
