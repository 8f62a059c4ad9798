import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, isoTime, money } from './columns';

export type DiscountKind = 'amount' | 'percent';

/**
 * Carts live in SQLite, not memory, so a crash or power cut never loses what was scanned.
 * Lines snapshot the price and tax at scan time; totals are always recomputed with shared computeTotals.
 */
export const carts = sqliteTable(
  'carts',
  {
    id: id(),
    status: text('status', { enum: ['open', 'parked', 'completed', 'voided'] }).notNull(),
    staffId: text('staff_id').notNull(),
    customerId: text('customer_id'),
    customerName: text('customer_name'),
    note: text('note').notNull().default(''),
    parkedLabel: text('parked_label'),
    discountKind: text('discount_kind', { enum: ['amount', 'percent'] }),
    /** cents for an amount discount, basis points for a percentage */
    discountValue: integer('discount_value'),
    discountApprovedBy: text('discount_approved_by'),
    /** a loyalty redemption on the sale (shared SaleLoyalty as JSON; issue 18), applied only with a customer */
    loyalty: text('loyalty'),
    /** the shop's promo code on the sale as it was when applied (TillPromo as JSON; issue 18) */
    promo: text('promo'),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [index('carts_status_idx').on(t.status, t.updatedAt)],
);

export const cartLines = sqliteTable(
  'cart_lines',
  {
    id: id(),
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id),
    position: integer('position').notNull(),
    productId: text('product_id'),
    variantId: text('variant_id'),
    name: text('name').notNull(),
    variantName: text('variant_name').notNull().default(''),
    sku: text('sku').notNull(),
    /** the scanned code, kept for the receipt and for support */
    scannedCode: text('scanned_code'),
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull(),
    /** per item, or per kg for weight lines */
    unitPriceCents: money('unit_price_cents').notNull(),
    /** items, or grams for weight lines */
    quantity: integer('quantity').notNull(),
    taxRatesBps: text('tax_rates_bps', { mode: 'json' }).$type<number[]>().notNull(),
    trackStock: integer('track_stock', { mode: 'boolean' }).notNull(),
    discountKind: text('discount_kind', { enum: ['amount', 'percent'] }),
    discountValue: integer('discount_value'),
    discountApprovedBy: text('discount_approved_by'),
    note: text('note').notNull().default(''),
    voidedAt: isoTime('voided_at'),
    voidedBy: text('voided_by'),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [index('cart_lines_cart_idx').on(t.cartId, t.position)],
);
