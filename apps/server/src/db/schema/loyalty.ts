import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { vendors } from './vendors';

/**
 * A shop's loyalty programme (issue 18): off, stamps (one per order of at least `min_order_cents`,
 * `stamps_for_reward` stamps = a reward worth `reward_cents`) or points (`points_per_pound` per £1 spent,
 * `points_per_pound_off` points = £1 off). No row = off.
 */
export const loyaltyProgrammes = pgTable(
  'loyalty_programmes',
  {
    vendorId: uuid('vendor_id').primaryKey().references(() => vendors.id),
    kind: text('kind', { enum: ['off', 'stamps', 'points'] }).notNull().default('off'),
    minOrderCents: integer('min_order_cents').notNull().default(0),
    stampsForReward: integer('stamps_for_reward').notNull().default(8),
    rewardCents: integer('reward_cents').notNull().default(0),
    rewardName: text('reward_name').notNull().default(''),
    pointsPerPound: integer('points_per_pound').notNull().default(1),
    pointsPerPoundOff: integer('points_per_pound_off').notNull().default(100),
    updatedAt: updatedAt(),
  },
  (t) => [check('loyalty_programmes_kind_chk', sql`${t.kind} IN ('off', 'stamps', 'points')`)],
);

/**
 * The append-only ledger: earn (+), redeem (−), reversal (±, a cancelled or refunded order taking back what it
 * earned or giving back what it redeemed). `natural_key` (e.g. `order:<id>:earn`) makes every entry happen
 * exactly once however often a sale is pushed or an order moved.
 */
export const loyaltyEntries = pgTable(
  'loyalty_entries',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    scheme: text('scheme', { enum: ['stamps', 'points'] }).notNull(),
    kind: text('kind', { enum: ['earn', 'redeem', 'reversal'] }).notNull(),
    naturalKey: text('natural_key').notNull(),
    orderId: uuid('order_id'),
    units: integer('units').notNull(),
    /** the discount a redemption gave (0 for earnings) */
    cents: integer('cents').notNull().default(0),
    /** a redemption recorded on sync that took the balance below zero (offline at the till) */
    overdrawn: integer('overdrawn').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('loyalty_entries_key_uq').on(t.vendorId, t.naturalKey),
    index('loyalty_entries_card_idx').on(t.customerId, t.vendorId, t.createdAt),
    index('loyalty_entries_order_idx').on(t.orderId),
    check('loyalty_entries_kind_chk', sql`${t.kind} IN ('earn', 'redeem', 'reversal')`),
    check('loyalty_entries_scheme_chk', sql`${t.scheme} IN ('stamps', 'points')`),
  ],
);

/** Σ entries per customer, shop and scheme, updated in the same transaction as each entry (reads stay O(1)). */
export const loyaltyBalances = pgTable(
  'loyalty_balances',
  {
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    scheme: text('scheme', { enum: ['stamps', 'points'] }).notNull(),
    units: integer('units').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.vendorId, t.scheme] }), index('loyalty_balances_vendor_idx').on(t.vendorId)],
);
