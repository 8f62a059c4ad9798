import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './auth';
import { products, variants } from './catalog';
import { createdAt, id } from './columns';
import { vendors } from './vendors';

/**
 * "Tell me when it's back" (issue 18): one row per customer and sold-out variant. `notified_at` null = armed; the
 * stock transaction that brings the variant back marks every armed row notified with one `restock_id` (set-based),
 * and one job fans that restock out to the notify queue in batches. Asking again re-arms the row.
 */
export const stockAlertSubscriptions = pgTable(
  'stock_alert_subscriptions',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id),
    createdAt: createdAt(),
    notifiedAt: timestamp('notified_at', { withTimezone: true, mode: 'date' }),
    restockId: uuid('restock_id'),
  },
  (t) => [
    uniqueIndex('stock_alert_subscriptions_customer_variant_uq').on(t.customerId, t.variantId),
    index('stock_alert_subscriptions_armed_idx').on(t.variantId).where(sql`${t.notifiedAt} IS NULL`),
    index('stock_alert_subscriptions_restock_idx').on(t.restockId, t.id).where(sql`${t.restockId} IS NOT NULL`),
  ],
);

/** Customers who asked for the weekly email of new products from their favourite shops. */
export const favouriteDigestOptins = pgTable('favourite_digest_optins', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  optedInAt: timestamp('opted_in_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * One row per customer and ISO week the digest was considered (sent or, with nothing new, skipped): the natural
 * key that keeps a restarted job or a second server instance from sending a week twice.
 */
export const favouriteDigestSends = pgTable(
  'favourite_digest_sends',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    week: text('week').notNull(),
    productCount: integer('product_count').notNull(),
    emailId: uuid('email_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.week] })],
);
