import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag, isoTime } from './columns';

/** The shop's promo codes as the server last sent them (change entity 'promo_code'; issue 18). */
export const mirrorPromoCodes = sqliteTable(
  'mirror_promo_codes',
  {
    id: text('id').primaryKey(),
    /** upper case, as typed codes are compared */
    code: text('code').notNull(),
    description: text('description').notNull().default(''),
    discountKind: text('discount_kind', { enum: ['percent', 'amount'] }).notNull(),
    percentBps: integer('percent_bps').notNull().default(0),
    amountCents: integer('amount_cents').notNull().default(0),
    minBasketCents: integer('min_basket_cents').notNull().default(0),
    firstOrderOnly: flag('first_order_only').notNull().default(false),
    startsAt: isoTime('starts_at'),
    endsAt: isoTime('ends_at'),
    active: flag('active').notNull().default(true),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [index('mirror_promo_codes_code_idx').on(t.code)],
);
