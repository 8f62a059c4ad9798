import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { variants } from './catalog';
import { vendors } from './vendors';

/**
 * The inventory ledger (DESIGN §3). `quantity` is a signed delta for sale/refund/receive/adjust and the
 * absolute counted level for `count`. On-hand = last count + later deltas, ordered by `occurred_at`.
 */
export const inventoryMovements = pgTable(
  'inventory_movements',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    variantId: uuid('variant_id').notNull().references(() => variants.id),
    kind: text('kind', { enum: ['sale', 'refund', 'receive', 'adjust', 'count'] }).notNull(),
    quantity: integer('quantity').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    reference: text('reference'),
    note: text('note').notNull().default(''),
    staffId: uuid('staff_id'),
    deviceId: uuid('device_id'),
    recordedAt: createdAt(),
  },
  (t) => [
    index('inventory_movements_variant_time_idx').on(t.variantId, t.occurredAt),
    index('inventory_movements_vendor_idx').on(t.vendorId, t.recordedAt),
    check(
      'inventory_movements_sign_chk',
      sql`(${t.kind} = 'sale' AND ${t.quantity} <= 0) OR (${t.kind} IN ('refund','receive') AND ${t.quantity} >= 0) OR ${t.kind} IN ('adjust','count')`,
    ),
  ],
);

/** Cached level per variant, recomputed from the ledger in the same transaction as every movement. */
export const inventoryLevels = pgTable('inventory_levels', {
  variantId: uuid('variant_id')
    .primaryKey()
    .references(() => variants.id),
  vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
  onHand: integer('on_hand').notNull().default(0),
  /** held for web orders that are placed but not yet handed over */
  reserved: integer('reserved').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const stockAlerts = pgTable(
  'stock_alerts',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    variantId: uuid('variant_id').notNull().references(() => variants.id),
    kind: text('kind', { enum: ['oversold', 'low_stock'] }).notNull(),
    onHand: integer('on_hand').notNull(),
    message: text('message').notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('stock_alerts_vendor_idx').on(t.vendorId, t.createdAt), index('stock_alerts_oversold_idx').on(t.createdAt).where(sql`${t.kind} = 'oversold'`)],
);
