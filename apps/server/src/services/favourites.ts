import { AppError, isOpenAt, uuidv7, type FavouriteList, type FavouriteProduct, type FavouriteSetInput, type FavouriteShop, type FavouritesListInput } from '@makeries/shared';
import { and, asc, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { favourites, productImages, products, vendors } from '../db/schema/index';
import { mediaUrl } from './products/reads';

/** Shops and products a customer starred. Setting is idempotent: a double tap never errors or duplicates. */

async function assertTargetVisible(db: DbOrTx, input: FavouriteSetInput): Promise<void> {
  if (input.vendorId !== undefined) {
    const [v] = await db.select({ id: vendors.id }).from(vendors).where(and(eq(vendors.id, input.vendorId), eq(vendors.status, 'approved')));
    if (!v) throw new AppError('NOT_FOUND', 'We could not find that shop.');
    return;
  }
  const [p] = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(vendors, eq(vendors.id, products.vendorId))
    .where(
      and(
        eq(products.id, input.productId ?? ''),
        eq(products.onlineVisible, true),
        eq(products.archived, false),
        eq(products.moderationHidden, false),
        eq(vendors.status, 'approved'),
      ),
    );
  if (!p) throw new AppError('NOT_FOUND', 'We could not find that product.');
}

export async function setFavourite(db: DbOrTx, customerId: string, input: FavouriteSetInput): Promise<{ on: boolean }> {
  const target = input.vendorId !== undefined ? eq(favourites.vendorId, input.vendorId) : eq(favourites.productId, input.productId ?? '');
  if (!input.on) {
    await db.delete(favourites).where(and(eq(favourites.customerId, customerId), target));
    return { on: false };
  }
  await assertTargetVisible(db, input);
  await db
    .insert(favourites)
    .values({ id: uuidv7(), customerId, vendorId: input.vendorId ?? null, productId: input.productId ?? null })
    .onConflictDoNothing();
  return { on: true };
}

/** Just the ids, so hearts on any page can show their state without loading the whole list. */
export async function favouriteIds(db: DbOrTx, customerId: string): Promise<{ vendorIds: string[]; productIds: string[] }> {
  const rows = await db
    .select({ vendorId: favourites.vendorId, productId: favourites.productId })
    .from(favourites)
    .where(eq(favourites.customerId, customerId));
  return {
    vendorIds: rows.flatMap((r) => (r.vendorId ? [r.vendorId] : [])),
    productIds: rows.flatMap((r) => (r.productId ? [r.productId] : [])),
  };
}

type Page<T> = { items: T[]; next: string | null };

/** One more row than asked tells whether a next page exists; the cursor is the last shown favourite's id. */
function cut<T extends { f: { id: string } }>(rows: T[], limit: number): { rows: T[]; next: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page[page.length - 1]?.f.id ?? null) : null };
}

async function favouriteShops(db: DbOrTx, customerId: string, input: FavouritesListInput, now: Date): Promise<Page<FavouriteShop>> {
  const rows = await db
    .select({ f: favourites, v: vendors })
    .from(favourites)
    .innerJoin(vendors, eq(vendors.id, favourites.vendorId))
    .where(and(eq(favourites.customerId, customerId), eq(vendors.status, 'approved'), input.shopsCursor ? lt(favourites.id, input.shopsCursor) : undefined))
    .orderBy(desc(favourites.id))
    .limit(input.limit + 1);
  const { rows: page, next } = cut(rows, input.limit);
  const items = page.map(({ f, v }) => ({
    vendorId: v.id,
    slug: v.slug,
    name: v.name,
    city: v.city,
    paused: v.paused,
    isOpenNow: isOpenAt(v.openingHours, v.timezone, now),
    addedAt: f.createdAt.toISOString(),
  }));
  return { items, next };
}

async function favouriteProducts(db: DbOrTx, customerId: string, input: FavouritesListInput, now: Date): Promise<Page<FavouriteProduct>> {
  const thumb = db
    .select({ path: productImages.thumbPath })
    .from(productImages)
    .where(eq(productImages.productId, products.id))
    .orderBy(asc(productImages.sort), asc(productImages.id))
    .limit(1);
  const rows = await db
    .select({ f: favourites, p: products, v: vendors, thumb: sql<string | null>`(${thumb})` })
    .from(favourites)
    .innerJoin(products, eq(products.id, favourites.productId))
    .innerJoin(vendors, eq(vendors.id, products.vendorId))
    .where(
      and(
        eq(favourites.customerId, customerId),
        isNotNull(favourites.productId),
        eq(products.onlineVisible, true),
        eq(products.archived, false),
        eq(products.moderationHidden, false),
        eq(vendors.status, 'approved'),
        input.productsCursor ? lt(favourites.id, input.productsCursor) : undefined,
      ),
    )
    .orderBy(desc(favourites.id))
    .limit(input.limit + 1);
  const { rows: page, next } = cut(rows, input.limit);
  const items = page.map(({ f, p, v, thumb: t }) => ({
    productId: p.id,
    name: p.name,
    minPriceCents: p.minPriceCents,
    currency: v.currency,
    inStock: p.inStock,
    imageThumb: t ? mediaUrl(t) : null,
    vendor: { id: v.id, slug: v.slug, name: v.name, paused: v.paused, isOpenNow: isOpenAt(v.openingHours, v.timezone, now) },
    addedAt: f.createdAt.toISOString(),
  }));
  return { items, next };
}

/**
 * Starred shops and products still on the storefront, newest first, with open/closed and price: one page of each
 * (or of the one list `only` names), keyset-paged on the time-ordered (UUIDv7) favourite id.
 */
export async function listFavourites(db: DbOrTx, customerId: string, input: FavouritesListInput = { limit: 50 }, now: Date = new Date()): Promise<FavouriteList> {
  const none = { items: [], next: null };
  const shops = input.only === 'products' ? none : await favouriteShops(db, customerId, input, now);
  const items = input.only === 'shops' ? none : await favouriteProducts(db, customerId, input, now);
  return { shops: shops.items, products: items.items, shopsNextCursor: shops.next, productsNextCursor: items.next };
}
