import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError, uuidv7, type OpeningHours } from '@makeries/shared';
import type { Db } from '../../db/client';
import { categories, productImages, products, variants, vendors } from '../../db/schema/index';
import { ALWAYS_OPEN } from '../../test/fixtures';
import { recordSearchWords } from '../search-words';

/**
 * Test-only catalog rows for search suites, written straight to the database with the denormalised columns
 * (search_extra, min_price_cents, in_stock, search_words) filled the way the catalog service keeps them.
 */

/** Bristol city centre; other test points are placed at known offsets from it. */
export const ORIGIN = { lat: 51.4545, lng: -2.5879 };

/** A point `km` kilometres due north of `from` (one degree of latitude is constant along a meridian). */
export function kmNorth(from: { lat: number; lng: number }, km: number): { lat: number; lng: number } {
  return { lat: from.lat + (km * 1000 * 180) / (Math.PI * 6_371_008.8), lng: from.lng };
}

let seq = 0;

export interface TestVendorInput {
  name: string;
  at?: { lat: number; lng: number };
  status?: 'pending' | 'approved' | 'suspended';
  openingHours?: OpeningHours;
  paused?: boolean;
  pickupEnabled?: boolean;
  deliveryEnabled?: boolean;
  currency?: string;
}

export interface TestVendor {
  id: string;
  slug: string;
  name: string;
}

export async function addVendor(db: Db, v: TestVendorInput): Promise<TestVendor> {
  seq++;
  const id = uuidv7();
  const slug = `${v.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${seq}`;
  const at = v.at ?? ORIGIN;
  await db.insert(vendors).values({
    id,
    slug,
    name: v.name,
    email: `${slug}@example.test`,
    addressLine1: '1 High Street',
    city: 'Bristol',
    postcode: 'BS1 1AA',
    country: 'GB',
    lat: at.lat,
    lng: at.lng,
    timezone: 'Europe/London',
    currency: v.currency ?? 'GBP',
    taxMode: 'inclusive',
    openingHours: v.openingHours ?? ALWAYS_OPEN,
    status: v.status ?? 'approved',
    paused: v.paused ?? false,
    pickupEnabled: v.pickupEnabled ?? true,
    deliveryEnabled: v.deliveryEnabled ?? false,
  });
  await recordSearchWords(db, [v.name]);
  return { id, slug, name: v.name };
}

export interface TestCategory {
  id: string;
  slug: string;
  name: string;
}

export async function addCategory(db: Db, name: string): Promise<TestCategory> {
  const id = uuidv7();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await db.insert(categories).values({ id, slug, name });
  await recordSearchWords(db, [name]);
  return { id, slug, name };
}

export interface TestProductInput {
  name: string;
  description?: string;
  category?: TestCategory;
  dietaryTags?: string[];
  /** one variant per price; min_price_cents is their minimum */
  prices?: number[];
  inStock?: boolean;
  onlineVisible?: boolean;
  archived?: boolean;
  popularity?: number;
  createdAt?: Date;
  thumb?: string;
}

export async function addProduct(db: Db, vendor: TestVendor, p: TestProductInput): Promise<string> {
  const id = uuidv7();
  const prices = p.prices ?? [350];
  const skus = prices.map((_, i) => `SKU-${id.slice(-8)}-${i}`);
  await db.insert(products).values({
    id,
    vendorId: vendor.id,
    categoryId: p.category?.id ?? null,
    name: p.name,
    description: p.description ?? '',
    dietaryTags: p.dietaryTags ?? [],
    onlineVisible: p.onlineVisible ?? true,
    archived: p.archived ?? false,
    minPriceCents: Math.min(...prices),
    inStock: p.inStock ?? true,
    popularity: p.popularity ?? 0,
    searchExtra: [p.category?.name ?? '', vendor.name, ...skus].join(' '),
    ...(p.createdAt ? { createdAt: p.createdAt } : {}),
  });
  await db.insert(variants).values(
    prices.map((priceCents, i) => ({ id: uuidv7(), productId: id, vendorId: vendor.id, sku: skus[i] ?? `SKU-${i}`, priceCents })),
  );
  if (p.thumb) {
    await db.insert(productImages).values({
      id: uuidv7(),
      productId: id,
      vendorId: vendor.id,
      originalPath: p.thumb.replace('thumb', 'orig'),
      thumbPath: p.thumb,
      mediumPath: p.thumb.replace('thumb', 'medium'),
      width: 800,
      height: 600,
    });
  }
  await recordSearchWords(db, [p.name, p.description ?? '']);
  return id;
}

/** The error code a client would see (same rule as the tRPC error formatter), or throws if the call succeeded. */
export async function appCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    if (e.cause instanceof AppError) return e.cause.code;
    if (e.cause instanceof ZodError) return 'BAD_INPUT';
    return e.code === 'INTERNAL_SERVER_ERROR' ? 'INTERNAL' : e.code;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
