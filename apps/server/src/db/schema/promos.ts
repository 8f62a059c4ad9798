import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { staff } from './auth';
import { operators } from './operators';
import { orders } from './orders';
import { vendors } from './vendors';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Promo codes (issue 18): `shop` codes belong to one shop and are funded by it; `marketplace` codes are the
 * operator's, valid at every shop or at `shop_ids`, funded from the platform fee. `uses` counts checkouts and
 * counter sales (a cart across three shops is one use) and is bumped under the row lock, so limits hold.
 */
export const promoCodes = pgTable(
  'promo_codes',
  {
    id: id(),
    code: text('code').notNull(),
    fundedBy: text('funded_by', { enum: ['shop', 'marketplace'] }).notNull(),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    shopIds: jsonb('shop_ids').$type<string[]>().notNull().default([]),
    description: text('description').notNull().default(''),
    discountKind: text('discount_kind', { enum: ['percent', 'amount'] }).notNull(),
    percentBps: integer('percent_bps').notNull().default(0),
    amountCents: integer('amount_cents').notNull().default(0),
    minBasketCents: integer('min_basket_cents').notNull().default(0),
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    perCustomerLimit: integer('per_customer_limit'),
    totalLimit: integer('total_limit'),
    startsAt: at('starts_at'),
    endsAt: at('ends_at'),
    active: boolean('active').notNull().default(true),
    uses: integer('uses').notNull().default(0),
    discountGivenCents: bigint('discount_given_cents', { mode: 'number' }).notNull().default(0),
    overLimitUses: integer('over_limit_uses').notNull().default(0),
    createdByStaffId: uuid('created_by_staff_id').references(() => staff.id),
    createdByOperatorId: uuid('created_by_operator_id').references(() => operators.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('promo_codes_shop_code_uq').on(t.vendorId, t.code).where(sql`${t.vendorId} IS NOT NULL`),
    uniqueIndex('promo_codes_market_code_uq').on(t.code).where(sql`${t.vendorId} IS NULL`),
    index('promo_codes_vendor_idx').on(t.vendorId, t.createdAt, t.id),
    index('promo_codes_created_idx').on(t.createdAt, t.id),
    check('promo_codes_funding_chk', sql`(${t.fundedBy} = 'shop' AND ${t.vendorId} IS NOT NULL) OR (${t.fundedBy} = 'marketplace' AND ${t.vendorId} IS NULL)`),
    check(
      'promo_codes_kind_chk',
      sql`(${t.discountKind} = 'percent' AND ${t.percentBps} BETWEEN 1 AND 10000) OR (${t.discountKind} = 'amount' AND ${t.amountCents} > 0)`,
    ),
    check('promo_codes_uses_chk', sql`${t.uses} >= 0`),
  ],
);

/**
 * One row per order that used a code (unique per order: a replayed checkout or counter sale redeems once).
 * `use_key` groups a checkout's shop orders into one use; `customer_key` is `c:<customer id>` or `e:<email>`.
 */
export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    id: id(),
    promoCodeId: uuid('promo_code_id').notNull().references(() => promoCodes.id),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    useKey: text('use_key').notNull(),
    customerKey: text('customer_key'),
    channel: text('channel', { enum: ['web', 'counter'] }).notNull(),
    discountCents: integer('discount_cents').notNull(),
    /** a counter sale made offline after a limit was reached: accepted, reported */
    overLimit: boolean('over_limit').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('promo_redemptions_order_uq').on(t.orderId),
    index('promo_redemptions_code_idx').on(t.promoCodeId, t.createdAt, t.id),
    index('promo_redemptions_customer_idx').on(t.promoCodeId, t.customerKey),
    check('promo_redemptions_discount_chk', sql`${t.discountCents} >= 0`),
  ],
);
