import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsvector, updatedAt } from './columns';
import { vendors } from './vendors';

/**
 * Marketplace-curated taxonomy (vendorId NULL: storefront facets and URLs, changed only by the operator) plus
 * shop-owned categories (vendorId set: a shop's collections for its counter grid and shop page). Products are
 * filed under a marketplace category or one of their own shop's.
 */
export const categories = pgTable(
  'categories',
  {
    id: id(),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_marketplace_slug_uq').on(t.slug).where(sql`${t.vendorId} IS NULL`),
    uniqueIndex('categories_vendor_slug_uq').on(t.vendorId, t.slug).where(sql`${t.vendorId} IS NOT NULL`),
  ],
);

/** A vendor's tax rates; every rate whose class matches a variant's tax class applies to it. */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    taxClass: text('tax_class').notNull(),
    name: text('name').notNull(),
    rateBps: integer('rate_bps').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tax_rates_vendor_class_name_uq').on(t.vendorId, t.taxClass, t.name),
    check('tax_rates_bps_chk', sql`${t.rateBps} >= 0 AND ${t.rateBps} <= 10000`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    categoryId: uuid('category_id').references(() => categories.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    dietaryTags: text('dietary_tags').array().notNull().default(sql`'{}'::text[]`),
    onlineVisible: boolean('online_visible').notNull().default(true),
    archived: boolean('archived').notNull().default(false),
    /** hidden from the storefront by the marketplace's operator (issue 17); the shop's counter keeps selling it */
    moderationHidden: boolean('moderation_hidden').notNull().default(false),
    /** denormalised by the catalog/inventory services for fast storefront search */
    minPriceCents: integer('min_price_cents').notNull().default(0),
    inStock: boolean('in_stock').notNull().default(false),
    popularity: integer('popularity').notNull().default(0),
    /** set while the product is bridged from a point of sale (services/bridges): its POS-owned fields are read-only here */
    posProvider: text('pos_provider', { enum: ['square', 'shopify', 'toast'] }),
    /** where the owner edits the POS-owned fields ("Edit in Square") */
    posEditUrl: text('pos_edit_url'),
    /** the description was edited in Makeries: imports stop overwriting it */
    descriptionEdited: boolean('description_edited').notNull().default(false),
    /** category name, vendor name, SKUs and barcodes, kept by the catalog service (weight B) */
    searchExtra: text('search_extra').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple', coalesce(${products.name}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${products.searchExtra}, '')), 'B') || setweight(to_tsvector('simple', coalesce(${products.description}, '')), 'C')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_vendor_idx').on(t.vendorId),
    index('products_category_idx').on(t.categoryId),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('products_price_idx').on(t.minPriceCents),
    index('products_popularity_idx').on(t.popularity),
  ],
);

export const variants = pgTable(
  'variants',
  {
    id: id(),
    productId: uuid('product_id').notNull().references(() => products.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    name: text('name').notNull().default('Default'),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    priceCents: integer('price_cents').notNull(),
    taxClass: text('tax_class').notNull().default('standard'),
    /** 'weight' items are priced per kg and sold in grams */
    soldBy: text('sold_by', { enum: ['each', 'weight'] }).notNull().default('each'),
    trackStock: boolean('track_stock').notNull().default(true),
    lowStockThreshold: integer('low_stock_threshold').notNull().default(0),
    sort: integer('sort').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_vendor_sku_uq').on(t.vendorId, t.sku),
    uniqueIndex('variants_vendor_barcode_uq').on(t.vendorId, t.barcode).where(sql`${t.barcode} IS NOT NULL`),
    index('variants_product_idx').on(t.productId),
    check('variants_price_chk', sql`${t.priceCents} >= 0`),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: id(),
    productId: uuid('product_id').notNull().references(() => products.id),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    /** paths relative to MEDIA_DIR, served under /media/ */
    originalPath: text('original_path').notNull(),
    thumbPath: text('thumb_path').notNull(),
    mediumPath: text('medium_path').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    alt: text('alt').notNull().default(''),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('product_images_product_idx').on(t.productId)],
);

/** Distinct words of the searchable catalog, used to correct typos with pg_trgm's `%` operator. */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
    uses: integer('uses').notNull().default(1),
  },
  (t) => [index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
);
