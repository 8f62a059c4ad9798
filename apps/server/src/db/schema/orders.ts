import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Address, Contact } from '@makeries/shared';
import { ORDER_STATUSES } from '@makeries/shared';
import { createdAt, id, updatedAt } from './columns';
import { customers, devices, staff } from './auth';
import { variants, products } from './catalog';
import { vendors } from './vendors';
import { promoCodes } from './promos';

/** One storefront submit; it creates one order per vendor, all or nothing. */
export const checkouts = pgTable(
  'checkouts',
  {
    id: id(),
    /** client-minted per submit, so a double click or retry creates nothing twice */
    idempotencyKey: text('idempotency_key').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    /**
     * the customer session that placed it: an unverified account sees only its orders from the current session.
     * No foreign key: sessions are deleted on sign-out, and a gone session simply matches no one.
     */
    sessionId: uuid('session_id'),
    contact: jsonb('contact').$type<Contact>().notNull(),
    currency: text('currency').notNull(),
    totalCents: integer('total_cents').notNull(),
    paymentMethod: text('payment_method', { enum: ['pay_at_pickup', 'card'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('checkouts_idempotency_uq').on(t.idempotencyKey), index('checkouts_created_idx').on(t.createdAt)],
);

export const orders = pgTable(
  'orders',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    checkoutId: uuid('checkout_id').references(() => checkouts.id),
    customerId: uuid('customer_id').references(() => customers.id),
    channel: text('channel', { enum: ['web', 'counter'] }).notNull(),
    /** human number: `W-<n>` for web orders, `<register>-<seq>` for counter receipts */
    number: text('number').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    fulfilment: text('fulfilment', { enum: ['pickup', 'delivery', 'counter'] }).notNull(),
    pickupAt: timestamp('pickup_at', { withTimezone: true, mode: 'date' }),
    deliveryAddress: jsonb('delivery_address').$type<Address | null>(),
    contact: jsonb('contact').$type<Contact | null>(),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    discountCents: integer('discount_cents').notNull().default(0),
    taxCents: integer('tax_cents').notNull(),
    deliveryFeeCents: integer('delivery_fee_cents').notNull().default(0),
    roundingCents: integer('rounding_cents').notNull().default(0),
    totalCents: integer('total_cents').notNull(),
    paymentStatus: text('payment_status', {
      enum: ['unpaid', 'pay_at_pickup', 'authorized', 'paid', 'partially_refunded', 'refunded'],
    }).notNull(),
    note: text('note').notNull().default(''),
    prepMinutes: integer('prep_minutes'),
    statusReason: text('status_reason'),
    deviceId: uuid('device_id').references(() => devices.id),
    staffId: uuid('staff_id').references(() => staff.id),
    /** the promo code used (issue 18): its code as typed, who funds it, and what it took off this order */
    promoCodeId: uuid('promo_code_id').references((): AnyPgColumn => promoCodes.id),
    promoCode: text('promo_code'),
    promoFundedBy: text('promo_funded_by', { enum: ['shop', 'marketplace'] }),
    promoCents: integer('promo_cents').notNull().default(0),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_vendor_number_uq').on(t.vendorId, t.number),
    index('orders_vendor_status_idx').on(t.vendorId, t.status, t.placedAt),
    index('orders_customer_idx').on(t.customerId, t.placedAt),
    index('orders_checkout_idx').on(t.checkoutId),
    // the operator's order search (issue 17): newest first overall, per shop, by number prefix, by contact email
    index('orders_placed_idx').on(t.placedAt.desc(), t.id.desc()),
    index('orders_vendor_placed_idx').on(t.vendorId, t.placedAt.desc(), t.id.desc()),
    index('orders_number_idx').on(sql`${t.number} text_pattern_ops`),
    index('orders_contact_email_idx').on(sql`lower(${t.contact}->>'email')`, t.placedAt.desc()),
    // the market health rollups (services/health): changed days found since the last refresh
    index('orders_updated_idx').on(t.updatedAt),
    check('orders_total_chk', sql`${t.totalCents} >= 0`),
  ],
);

/** Immutable snapshot of what was sold: name, SKU, price and tax as they were at sale time. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: id(),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').references(() => products.id),
    variantId: uuid('variant_id').references(() => variants.id),
    name: text('name').notNull(),
    variantName: text('variant_name').notNull().default(''),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull().default('each'),
    unitPriceCents: integer('unit_price_cents').notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    discountCents: integer('discount_cents').notNull().default(0),
    /** this line's share of the promo code (part of discount_cents) */
    promoCents: integer('promo_cents').notNull().default(0),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
  },
  (t) => [uniqueIndex('order_lines_order_line_uq').on(t.orderId, t.lineNo)],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: id(),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind', { enum: ['customer', 'staff', 'device', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt)],
);
