import { and, eq, or, sql } from 'drizzle-orm';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { mirrorCategories, mirrorProducts, mirrorVariants } from '../db/schema/index';

/** A variant with what the cart needs to snapshot it. */
export interface SellableVariant {
  variantId: string;
  productId: string;
  name: string;
  variantName: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  taxClass: string;
  categoryId: string | null;
  categoryName: string | null;
  /** the point of sale the product is bridged from: its stock is counted there (null = not bridged) */
  posProvider: string | null;
}

const columns = {
  variantId: mirrorVariants.id,
  productId: mirrorVariants.productId,
  name: sql<string>`coalesce(${mirrorProducts.name}, ${mirrorVariants.sku})`,
  variantName: mirrorVariants.name,
  sku: mirrorVariants.sku,
  barcode: mirrorVariants.barcode,
  priceCents: mirrorVariants.priceCents,
  soldBy: mirrorVariants.soldBy,
  trackStock: mirrorVariants.trackStock,
  taxClass: mirrorVariants.taxClass,
  categoryId: mirrorProducts.categoryId,
  categoryName: mirrorCategories.name,
  posProvider: mirrorProducts.posProvider,
};

/** Archived variants and products cannot be sold; a product missing from the mirror can be (name = SKU). */
const sellable = and(eq(mirrorVariants.archived, false), sql`coalesce(${mirrorProducts.archived}, 0) = 0`);
const p = (name: string) => sql.placeholder(name);

const queries = preparedFor((db) => {
  const base = () =>
    db
      .select(columns)
      .from(mirrorVariants)
      .leftJoin(mirrorProducts, eq(mirrorProducts.id, mirrorVariants.productId))
      .leftJoin(mirrorCategories, eq(mirrorCategories.id, mirrorProducts.categoryId));
  return {
    byId: base().where(and(eq(mirrorVariants.id, p('id')), sellable)).prepare(),
    // a scanned retail code has at most three spellings (see scan.ts)
    byBarcode: base()
      .where(and(or(eq(mirrorVariants.barcode, p('a')), eq(mirrorVariants.barcode, p('b')), eq(mirrorVariants.barcode, p('c'))), sellable))
      .prepare(),
    bySku: base().where(and(eq(mirrorVariants.sku, p('sku')), sellable)).prepare(),
    byPlu: base()
      .where(and(or(eq(mirrorVariants.sku, p('itemRef')), eq(mirrorVariants.barcode, p('prefixed'))), sellable))
      .prepare(),
    byCategory: base()
      .where(and(eq(mirrorProducts.categoryId, p('categoryId')), sellable))
      .orderBy(mirrorProducts.name, mirrorVariants.sort)
      .limit(p('limit'))
      .prepare(),
  };
});

export function variantById(db: CounterDb, variantId: string): SellableVariant | undefined {
  return queries(db).byId.get({ id: variantId });
}

/** Exact match on any of the code's spellings (as scanned, EAN-13 normalised, UPC-A 12-digit). */
export function variantByBarcode(db: CounterDb, codes: readonly string[]): SellableVariant | undefined {
  const [a, b = a, c = a] = codes;
  if (a === undefined) return undefined;
  return queries(db).byBarcode.get({ a, b, c });
}

/** Codes that are not retail barcodes (Code 128 shelf labels) often carry the SKU. */
export function variantBySku(db: CounterDb, sku: string): SellableVariant | undefined {
  return queries(db).bySku.get({ sku });
}

/**
 * A weighed/priced item's reference (the PLU the scale prints): the variant whose SKU is the item
 * reference, or whose barcode is the prefix + item reference.
 */
export function variantByPlu(db: CounterDb, prefix: string, itemRef: string): SellableVariant | undefined {
  return queries(db).byPlu.get({ itemRef, prefixed: `${prefix}${itemRef}` });
}

export function variantsByCategory(db: CounterDb, categoryId: string, limit = 200): SellableVariant[] {
  return queries(db).byCategory.all({ categoryId, limit });
}
