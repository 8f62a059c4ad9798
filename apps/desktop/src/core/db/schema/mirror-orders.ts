import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { OrderStatus } from '@makeries/shared';
import { id, isoTime, money } from './columns';

/** Web orders for this vendor, mirrored for the online-orders inbox; status moves optimistically offline. */
export const mirrorWebOrders = sqliteTable(
  'mirror_web_orders',
  {
    id: id(),
    number: text('number').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    /** the status the server last reported, before any queued local transition */
    serverStatus: text('server_status').$type<OrderStatus>().notNull(),
    fulfilment: text('fulfilment', { enum: ['pickup', 'delivery', 'counter'] }).notNull(),
    customerId: text('customer_id'),
    contact: text('contact', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    deliveryAddress: text('delivery_address', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    pickupAt: isoTime('pickup_at'),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
    subtotalCents: money('subtotal_cents').notNull(),
    discountCents: money('discount_cents').notNull().default(0),
    taxCents: money('tax_cents').notNull(),
    deliveryFeeCents: money('delivery_fee_cents').notNull().default(0),
    totalCents: money('total_cents').notNull(),
    paymentStatus: text('payment_status').notNull(),
    note: text('note').notNull().default(''),
    prepMinutes: integer('prep_minutes'),
    statusReason: text('status_reason'),
    placedAt: isoTime('placed_at').notNull(),
  },
  (t) => [index('mirror_web_orders_status_idx').on(t.status, t.placedAt)],
);

export const mirrorWebOrderLines = sqliteTable(
  'mirror_web_order_lines',
  {
    id: id(),
    orderId: text('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    variantId: text('variant_id'),
    name: text('name').notNull(),
    variantName: text('variant_name').notNull().default(''),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull().default('each'),
    unitPriceCents: money('unit_price_cents').notNull(),
    totalCents: money('total_cents').notNull(),
  },
  (t) => [index('mirror_web_order_lines_order_idx').on(t.orderId, t.lineNo)],
);
