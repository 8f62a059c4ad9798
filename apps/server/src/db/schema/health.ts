import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { vendors } from './vendors';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The market's health rollups (services/health): the console's dashboard reads these instead of the orders, so
 * its cost does not grow with the market. Days are calendar days in the market's time zone. A periodic job
 * recomputes only the days whose orders changed since its last run (a counter syncing old sales dirties their
 * days), plus today.
 */

/** Counted orders (paid or to pay at pickup, not rejected/cancelled) per day × shop × channel. */
export const healthShopDays = pgTable(
  'health_shop_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['web', 'counter'] }).notNull(),
    orders: integer('orders').notNull(),
    gmvCents: bigint('gmv_cents', { mode: 'number' }).notNull(),
    /** refunded so far of these orders (counter refunds + succeeded card refunds), on the order's day */
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.vendorId, t.channel] }), index('health_shop_days_vendor_idx').on(t.vendorId, t.day)],
);

/** One day or ISO week (Monday) of the whole market: what the dashboard's series reads. */
export const healthPeriods = pgTable(
  'health_periods',
  {
    grain: text('grain', { enum: ['day', 'week'] }).notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    webOrders: integer('web_orders').notNull(),
    counterOrders: integer('counter_orders').notNull(),
    webGmvCents: bigint('web_gmv_cents', { mode: 'number' }).notNull(),
    counterGmvCents: bigint('counter_gmv_cents', { mode: 'number' }).notNull(),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull(),
    activeShops: integer('active_shops').notNull(),
    checkouts: integer('checkouts').notNull(),
    convertedCheckouts: integer('converted_checkouts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.start] }), check('health_periods_grain_chk', sql`${t.grain} IN ('day', 'week')`)],
);

/** Where the refresh got to: the time zone the days are cut in and the change watermark. */
export const healthRefreshState = pgTable('health_refresh_state', {
  name: text('name').primaryKey(),
  timezone: text('timezone').notNull(),
  /** orders (and card refunds) changed after this were not seen yet (read with an overlap) */
  watermark: at('watermark').notNull(),
  /** the last rebuild of every day (once a day, a backstop for changes that do not touch `updated_at`) */
  fullAt: at('full_at').notNull(),
  refreshedAt: at('refreshed_at').notNull(),
  daysRefreshed: integer('days_refreshed').notNull(),
});
