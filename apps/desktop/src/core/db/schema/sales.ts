import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, isoTime, money } from './columns';

/**
 * Completed counter sales: immutable snapshots (triggers in the FTS migration refuse UPDATE and DELETE).
 * `totalCents` is the computeTotals total; cash payments add `roundingCents` on top.
 */
export const sales = sqliteTable(
  'sales',
  {
    id: id(),
    number: text('number').notNull(),
    registerCode: text('register_code').notNull(),
    seq: integer('seq').notNull(),
    cartId: text('cart_id').notNull(),
    shiftId: text('shift_id'),
    staffId: text('staff_id').notNull(),
    customerId: text('customer_id'),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
    subtotalCents: money('subtotal_cents').notNull(),
    discountCents: money('discount_cents').notNull(),
    taxCents: money('tax_cents').notNull(),
    roundingCents: money('rounding_cents').notNull(),
    totalCents: money('total_cents').notNull(),
    note: text('note').notNull().default(''),
    completedAt: isoTime('completed_at').notNull(),
    /** the outbox row that tells the server (a remote copy: the row of the refund made here) */
    outboxId: text('outbox_id').notNull(),
    /**
     * true: a copy of another register's sale, written only with a refund this register made of it online. It
     * is never sent to the server and is not counted in this register's sales, shifts or reports.
     */
    remote: integer('remote', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('sales_number_uq').on(t.number),
    index('sales_shift_idx').on(t.shiftId),
    index('sales_completed_idx').on(t.completedAt),
  ],
);

export const saleLines = sqliteTable(
  'sale_lines',
  {
    id: id(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id'),
    variantId: text('variant_id'),
    name: text('name').notNull(),
    variantName: text('variant_name').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull(),
    unitPriceCents: money('unit_price_cents').notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    discountCents: money('discount_cents').notNull(),
    taxCents: money('tax_cents').notNull(),
    totalCents: money('total_cents').notNull(),
    trackStock: integer('track_stock', { mode: 'boolean' }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('sale_lines_sale_line_uq').on(t.saleId, t.lineNo)],
);

export const salePayments = sqliteTable(
  'sale_payments',
  {
    id: id(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    kind: text('kind', { enum: ['cash', 'external_card', 'stripe_terminal'] }).notNull(),
    amountCents: money('amount_cents').notNull(),
    tenderedCents: money('tendered_cents').notNull(),
    changeCents: money('change_cents').notNull(),
    reference: text('reference'),
  },
  (t) => [index('sale_payments_sale_idx').on(t.saleId)],
);

/** Local ledger rows, so on-hand shown offline includes sales the server has not acknowledged yet. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: id(),
    variantId: text('variant_id').notNull(),
    kind: text('kind', { enum: ['sale', 'refund', 'receive', 'adjust', 'count'] }).notNull(),
    /** signed delta, or the counted level for `count` */
    quantity: integer('quantity').notNull(),
    occurredAt: isoTime('occurred_at').notNull(),
    referenceId: text('reference_id'),
    staffId: text('staff_id').notNull(),
    note: text('note').notNull().default(''),
    /** the outbox row that tells the server (directly, or as part of a sale/refund) */
    outboxId: text('outbox_id').notNull(),
  },
  (t) => [index('stock_movements_variant_idx').on(t.variantId, t.occurredAt)],
);
