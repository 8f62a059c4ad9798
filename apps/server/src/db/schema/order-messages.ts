import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { orders } from './orders';
import { staff } from './auth';
import { vendors } from './vendors';

/**
 * Messages between a customer and a shop about one order (issue 18). `id` is minted by the writer (the tracking
 * page, or the counter's outbox), so a resend inserts nothing twice. `vendor_id` scopes the row to the shop and
 * drives the change feed (entity 'order_message'). Photo paths are relative to MEDIA_DIR, like product images.
 */
export const orderMessages = pgTable(
  'order_messages',
  {
    id: id(),
    orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    author: text('author', { enum: ['customer', 'shop'] }).notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    body: text('body').notNull().default(''),
    photoPath: text('photo_path'),
    photoThumbPath: text('photo_thumb_path'),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_messages_order_idx').on(t.orderId, t.id),
    check('order_messages_author_chk', sql`${t.author} IN ('customer', 'shop')`),
    check('order_messages_staff_chk', sql`${t.author} = 'shop' OR ${t.staffId} IS NULL`),
  ],
);
