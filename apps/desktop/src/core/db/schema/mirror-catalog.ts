import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { GS1Template, OpeningHours } from '@makeries/shared';
import { flag, id, isoTime, money } from './columns';

/*
 * Read-only replica of server-owned data (DESIGN §4), written only by `applyChanges`/bootstrap and by
 * optimistic web-order transitions. No foreign keys: the change feed may deliver a variant before its product.
 */

export const mirrorVendor = sqliteTable('mirror_vendor', {
  id: id(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  cashRoundingCents: integer('cash_rounding_cents').notNull().default(0),
  gs1Template: text('gs1_template', { mode: 'json' }).$type<GS1Template | null>(),
  paused: flag('paused').notNull().default(false),
  /** for the receipt header */
  phone: text('phone').notNull().default(''),
  addressLine1: text('address_line1').notNull().default(''),
  city: text('city').notNull().default(''),
  postcode: text('postcode').notNull().default(''),
  /** store settings the back office edits (and receipts print) */
  description: text('description').notNull().default(''),
  email: text('email').notNull().default(''),
  openingHours: text('opening_hours', { mode: 'json' }).$type<OpeningHours | null>(),
  pausedReason: text('paused_reason'),
  receiptHeader: text('receipt_header').notNull().default(''),
  receiptFooter: text('receipt_footer').notNull().default(''),
  taxNumber: text('tax_number').notNull().default(''),
  /** server media path of the receipt logo, if any */
  receiptLogoPath: text('receipt_logo_path'),
  /** selling what this counter believes is sold out: warn, block (online only) or allow */
  soldOutPolicy: text('sold_out_policy', { enum: ['warn', 'block', 'allow'] }).notNull().default('warn'),
  /** hide the expected cash while the drawer is counted at shift close */
  blindClose: flag('blind_close').notNull().default(true),
});

export const mirrorCategories = sqliteTable('mirror_categories', {
  id: id(),
  /** the owning shop; null = a marketplace category (curated on the server, read-only here) */
  vendorId: text('vendor_id'),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const mirrorTaxRates = sqliteTable(
  'mirror_tax_rates',
  {
    id: id(),
    taxClass: text('tax_class').notNull(),
    name: text('name').notNull(),
    rateBps: integer('rate_bps').notNull(),
  },
  (t) => [index('mirror_tax_rates_class_idx').on(t.taxClass)],
);

export const mirrorProducts = sqliteTable(
  'mirror_products',
  {
    id: id(),
    categoryId: text('category_id'),
    name: text('name').notNull(),
    onlineVisible: flag('online_visible').notNull().default(true),
    archived: flag('archived').notNull().default(false),
    /** the point of sale the product is bridged from (its POS-owned fields are read-only here); null = not bridged */
    posProvider: text('pos_provider'),
    /** where the owner edits it in that POS ("Edit in Square") */
    posEditUrl: text('pos_edit_url'),
  },
  (t) => [index('mirror_products_category_idx').on(t.categoryId)],
);

export const mirrorVariants = sqliteTable(
  'mirror_variants',
  {
    /** rowid alias: the FTS5 row of this variant uses the same rowid, so updates touch one FTS row */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    productId: text('product_id').notNull(),
    name: text('name').notNull().default('Default'),
    sku: text('sku').notNull(),
    /** as the server stores it; lookups try the scanned code and its normalised EAN-13 form */
    barcode: text('barcode'),
    priceCents: money('price_cents').notNull(),
    taxClass: text('tax_class').notNull().default('standard'),
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull().default('each'),
    trackStock: flag('track_stock').notNull().default(true),
    lowStockThreshold: integer('low_stock_threshold').notNull().default(0),
    sort: integer('sort').notNull().default(0),
    archived: flag('archived').notNull().default(false),
  },
  (t) => [
    uniqueIndex('mirror_variants_id_uq').on(t.id),
    index('mirror_variants_barcode_idx').on(t.barcode),
    index('mirror_variants_sku_idx').on(t.sku),
    index('mirror_variants_product_idx').on(t.productId),
  ],
);

export const mirrorStaff = sqliteTable('mirror_staff', {
  id: id(),
  name: text('name').notNull(),
  role: text('role', { enum: ['owner', 'manager', 'cashier'] }).notNull(),
  /** `scrypt$N$r$p$salt$hash`, verified offline at PIN login */
  pinHash: text('pin_hash'),
  active: flag('active').notNull().default(true),
});

/** The server's cached level; local sales not yet acknowledged are added on top when shown. */
export const mirrorStockLevels = sqliteTable('mirror_stock_levels', {
  variantId: text('variant_id').primaryKey(),
  onHand: integer('on_hand').notNull().default(0),
  reserved: integer('reserved').notNull().default(0),
  updatedAt: isoTime('updated_at'),
});

/** Bootstrap pages land here first and are swapped into the mirror tables in one transaction. */
export const bootstrapStage = sqliteTable(
  'bootstrap_stage',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('bootstrap_stage_uq').on(t.entity, t.id)],
);
