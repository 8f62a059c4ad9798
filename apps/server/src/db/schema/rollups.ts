import { bigint, index, integer, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { categories, products } from './catalog';
import { vendors } from './vendors';

const refreshedAt = () => timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull();

/**
 * Storefront rollups (services/rollups): what the home and search pages count or rank over the whole market,
 * computed by one periodic job instead of per request, so no page's cost grows with the market. Each refresh
 * replaces every row in one transaction; readers see the previous set until it commits.
 */

/** Products a visitor can see per marketplace category. */
export const categoryRollups = pgTable('category_rollups', {
  categoryId: uuid('category_id')
    .primaryKey()
    .references(() => categories.id, { onDelete: 'cascade' }),
  productCount: integer('product_count').notNull(),
  refreshedAt: refreshedAt(),
});

/** Every approved shop with what it sold online; `rank` 1 is the most popular (keyset paging walks it). */
export const vendorRollups = pgTable(
  'vendor_rollups',
  {
    vendorId: uuid('vendor_id')
      .primaryKey()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    unitsSold: bigint('units_sold', { mode: 'number' }).notNull(),
    productCount: integer('product_count').notNull(),
    refreshedAt: refreshedAt(),
  },
  (t) => [uniqueIndex('vendor_rollups_rank_uq').on(t.rank)],
);

/** The few best sellers of each shop (visible and in stock when refreshed), ranked across the market. */
export const productRollups = pgTable(
  'product_rollups',
  {
    productId: uuid('product_id')
      .primaryKey()
      .references(() => products.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id').notNull(),
    rank: integer('rank').notNull(),
    unitsSold: integer('units_sold').notNull(),
    refreshedAt: refreshedAt(),
  },
  (t) => [uniqueIndex('product_rollups_rank_uq').on(t.rank), index('product_rollups_vendor_rank_idx').on(t.vendorId, t.rank)],
);
