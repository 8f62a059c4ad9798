import { AppError, maxOrderGrams, type ProductListInput } from '@makeries/shared';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { categories, inventoryLevels, productImages, products, variants, vendors } from '../../db/schema/index';

export function mediaUrl(path: string): string {
  return `/media/${path}`;
}

export interface ProductImage {
  id: string;
  alt: string;
  sort: number;
  width: number;
  height: number;
  originalUrl: string;
  mediumUrl: string;
  thumbUrl: string;
}

interface ProductVariant {
  id: string;
  name: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  taxClass: string;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  sort: number;
  archived: boolean;
  /** can be bought now: untracked, or on_hand − reserved > 0 */
  available: boolean;
  /** sold by weight: the most grams a customer can order now (shared limits, stock left); null for items sold each */
  maxGrams: number | null;
  /** stock figures for the vendor's own staff and counters only; null for the public */
  stock: { onHand: number; reserved: number; lowStockThreshold: number } | null;
}

export interface ProductDetail {
  id: string;
  vendorId: string;
  name: string;
  description: string;
  category: { id: string; slug: string; name: string } | null;
  dietaryTags: string[];
  onlineVisible: boolean;
  archived: boolean;
  minPriceCents: number;
  inStock: boolean;
  updatedAt: string;
  vendor: { id: string; slug: string; name: string; city: string; currency: string; taxMode: 'inclusive' | 'exclusive'; paused: boolean };
  variants: ProductVariant[];
  images: ProductImage[];
  /**
   * For the vendor's own staff and counters: the point of sale the product is bridged from (its POS-owned fields
   * are read-only, services/products/pos-owned.ts), where to edit it there, and whether its description was
   * edited here. Null for the public and for products that are not bridged.
   */
  pos: { provider: 'square' | 'shopify' | 'toast'; editUrl: string | null; descriptionEdited: boolean } | null;
}

export function imageOut(r: typeof productImages.$inferSelect): ProductImage {
  return {
    id: r.id,
    alt: r.alt,
    sort: r.sort,
    width: r.width,
    height: r.height,
    originalUrl: mediaUrl(r.originalPath),
    mediumUrl: mediaUrl(r.mediumPath),
    thumbUrl: mediaUrl(r.thumbPath),
  };
}

/**
 * One product with variants and images. The vendor's own staff and counters (`viewerVendorId`) see it
 * whatever its state; everyone else only sees online, non-archived products of approved vendors, and
 * gets NOT_FOUND otherwise (so hidden products do not leak).
 */
export async function getProduct(db: DbOrTx, productId: string, viewerVendorId: string | null): Promise<ProductDetail> {
  const [row] = await db
    .select({ p: products, v: vendors, c: { id: categories.id, slug: categories.slug, name: categories.name } })
    .from(products)
    .innerJoin(vendors, eq(vendors.id, products.vendorId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, productId));
  const own = row !== undefined && row.p.vendorId === viewerVendorId;
  if (!row || (!own && (!row.p.onlineVisible || row.p.archived || row.p.moderationHidden || row.v.status !== 'approved'))) {
    throw new AppError('NOT_FOUND', 'That product is not available.');
  }
  const [variantRows, imageRows] = await Promise.all([
    db
      .select({ v: variants, onHand: inventoryLevels.onHand, reserved: inventoryLevels.reserved })
      .from(variants)
      .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
      .where(and(eq(variants.productId, productId), own ? undefined : eq(variants.archived, false)))
      .orderBy(asc(variants.sort), asc(variants.id)),
    db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.sort), asc(productImages.id)),
  ]);
  const { p, v } = row;
  return {
    id: p.id,
    vendorId: p.vendorId,
    name: p.name,
    description: p.description,
    category: row.c,
    dietaryTags: p.dietaryTags,
    onlineVisible: p.onlineVisible,
    archived: p.archived,
    minPriceCents: p.minPriceCents,
    inStock: p.inStock,
    updatedAt: p.updatedAt.toISOString(),
    vendor: { id: v.id, slug: v.slug, name: v.name, city: v.city, currency: v.currency, taxMode: v.taxMode, paused: v.paused },
    variants: variantRows.map((r) => variantOut(r.v, { onHand: r.onHand ?? 0, reserved: r.reserved ?? 0 }, own)),
    images: imageRows.map(imageOut),
    pos: own && p.posProvider ? { provider: p.posProvider, editUrl: p.posEditUrl, descriptionEdited: p.descriptionEdited } : null,
  };
}

function variantOut(x: typeof variants.$inferSelect, level: { onHand: number; reserved: number }, own: boolean): ProductVariant {
  return {
    id: x.id,
    name: x.name,
    sku: x.sku,
    barcode: x.barcode,
    priceCents: x.priceCents,
    taxClass: x.taxClass,
    soldBy: x.soldBy,
    trackStock: x.trackStock,
    sort: x.sort,
    archived: x.archived,
    available: !x.archived && (!x.trackStock || level.onHand - level.reserved > 0),
    maxGrams: x.soldBy === 'weight' ? maxOrderGrams(x.trackStock ? level.onHand - level.reserved : null) : null,
    stock: own ? { ...level, lowStockThreshold: x.lowStockThreshold } : null,
  };
}

export interface ProductSummary {
  id: string;
  name: string;
  categoryId: string | null;
  onlineVisible: boolean;
  archived: boolean;
  minPriceCents: number;
  inStock: boolean;
  variantCount: number;
  thumbUrl: string | null;
  updatedAt: string;
}

function statusFilter(status: ProductListInput['status']): SQL | undefined {
  switch (status) {
    case 'active':
      return eq(products.archived, false);
    case 'online':
      return and(eq(products.archived, false), eq(products.onlineVisible, true));
    case 'hidden':
      return and(eq(products.archived, false), eq(products.onlineVisible, false));
    case 'archived':
      return eq(products.archived, true);
    case 'all':
      return undefined;
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1])) {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the user-facing error
  }
  throw new AppError('BAD_INPUT', 'That page cursor is not valid; start again from the first page.');
}

function searchFilter(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${products.name} ILIKE ${like} OR EXISTS (
    SELECT 1 FROM variants sv WHERE sv.product_id = ${products.id} AND (sv.sku ILIKE ${like} OR sv.barcode = ${q})))`;
}

/** The vendor's own catalog for the back office, by name, with keyset paging. */
export async function listProducts(db: DbOrTx, vendorId: string, input: ProductListInput): Promise<{ items: ProductSummary[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const sortName = sql<string>`lower(${products.name})`;
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      sortName,
      categoryId: products.categoryId,
      onlineVisible: products.onlineVisible,
      archived: products.archived,
      minPriceCents: products.minPriceCents,
      inStock: products.inStock,
      updatedAt: products.updatedAt,
      variantCount: sql<number>`(SELECT count(*) FROM variants cv WHERE cv.product_id = ${products.id} AND NOT cv.archived)`.mapWith(Number),
      thumbPath: sql<string | null>`(SELECT pi.thumb_path FROM product_images pi WHERE pi.product_id = ${products.id} ORDER BY pi.sort, pi.id LIMIT 1)`,
    })
    .from(products)
    .where(
      and(
        eq(products.vendorId, vendorId),
        statusFilter(input.status),
        input.categoryId ? eq(products.categoryId, input.categoryId) : undefined,
        searchFilter(input.q),
        after ? sql`(lower(${products.name}), ${products.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(sortName, asc(products.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortName: _s, thumbPath, updatedAt, ...r }) => ({
      ...r,
      thumbUrl: thumbPath ? mediaUrl(thumbPath) : null,
      updatedAt: updatedAt.toISOString(),
    })),
    nextCursor:
      rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.sortName, last.id])).toString('base64url') : null,
  };
}
