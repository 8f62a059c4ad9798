import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, uniqueIndex, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from './auth';
import { products } from './catalog';
import { createdAt, id, updatedAt } from './columns';
import { orders } from './orders';
import { vendors } from './vendors';

/** A customer's saved delivery addresses; one may be the default offered at checkout. */
export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: id(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    line1: text('line1').notNull(),
    line2: text('line2').notNull().default(''),
    city: text('city').notNull(),
    postcode: text('postcode').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customer_addresses_customer_idx').on(t.customerId),
    uniqueIndex('customer_addresses_default_uq').on(t.customerId).where(sql`${t.isDefault}`),
  ],
);

/** Shops and products a customer starred; exactly one of vendor or product is set. */
export const favourites = pgTable(
  'favourites',
  {
    id: id(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    productId: uuid('product_id').references(() => products.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('favourites_vendor_uq').on(t.customerId, t.vendorId).where(sql`${t.vendorId} is not null`),
    uniqueIndex('favourites_product_uq').on(t.customerId, t.productId).where(sql`${t.productId} is not null`),
    check('favourites_one_target_chk', sql`(${t.vendorId} is null) <> (${t.productId} is null)`),
  ],
);

/**
 * Reviews from verified purchases: written by the customer of a fulfilled order, about the shop (product null)
 * or one product on that order. One review per (order, product) — NULLS NOT DISTINCT, so one shop review per order.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    productId: uuid('product_id').references(() => products.id),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    /** shown with the review: the customer's first name as it was when they wrote it */
    authorName: text('author_name').notNull(),
    rating: integer('rating').notNull(),
    body: text('body').notNull().default(''),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('reviews_order_product_uq').on(t.orderId, t.productId).nullsNotDistinct(),
    index('reviews_vendor_idx').on(t.vendorId, t.createdAt),
    index('reviews_product_idx').on(t.productId, t.createdAt),
    check('reviews_rating_chk', sql`${t.rating} between 1 and 5`),
  ],
);
