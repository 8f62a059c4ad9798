import {
  AppError,
  isOpenAt,
  nextOpening,
  uuidv7,
  type DeliveryZone,
  type GS1Template,
  type OpeningHours,
  type ShopStatus,
  type VendorListInput,
  type VendorPauseInput,
  type VendorRegisterInput,
  type VendorUpdateInput,
} from '@makeries/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { orders, staff, vendors } from '../db/schema/index';
import { consumeRateLimit, releaseRateLimit, type RateLimitRule } from './rate-limit';
import { hashSecret } from './tokens';
import { refreshProductDenorm } from './products/denorm';

type VendorRow = typeof vendors.$inferSelect;

/** What the storefront may show about an approved vendor. Times are ISO strings: the API has no date transformer. */
export interface PublicVendor {
  id: string;
  slug: string;
  name: string;
  description: string;
  email: string;
  phone: string;
  addressLine1: string;
  city: string;
  postcode: string;
  country: string;
  lat: number;
  lng: number;
  timezone: string;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  openingHours: OpeningHours;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  deliveryZones: DeliveryZone[];
  minOrderCents: number;
  imagePath: string | null;
  paused: boolean;
  pausedReason: string | null;
  isOpenNow: boolean;
  /** ISO time it next opens; null while open now or when it has no opening hours */
  nextOpeningAt: string | null;
}

/** The vendor's own full profile, for its staff and paired counters. */
export interface VendorProfile extends PublicVendor {
  /** the shop's standing with the marketplace: only approved shops are on the storefront (issue 17) */
  status: ShopStatus;
  /** the operator's reason for a rejection or suspension, shown in the back office */
  statusReason: string | null;
  statusChangedAt: string | null;
  /** whether the marketplace lets the shop offer pickup / delivery online */
  pickupAllowed: boolean;
  deliveryAllowed: boolean;
  cashRoundingCents: number;
  gs1Template: GS1Template | null;
  createdAt: string;
  updatedAt: string;
}

export function toPublicVendor(row: VendorRow, now: Date = new Date()): PublicVendor {
  const open = isOpenAt(row.openingHours, row.timezone, now);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    email: row.email,
    phone: row.phone,
    addressLine1: row.addressLine1,
    city: row.city,
    postcode: row.postcode,
    country: row.country,
    lat: row.lat,
    lng: row.lng,
    timezone: row.timezone,
    currency: row.currency,
    taxMode: row.taxMode,
    openingHours: row.openingHours,
    pickupEnabled: row.pickupEnabled,
    deliveryEnabled: row.deliveryEnabled,
    deliveryZones: row.deliveryZones,
    minOrderCents: row.minOrderCents,
    imagePath: row.imagePath,
    paused: row.paused,
    pausedReason: row.pausedReason,
    isOpenNow: open,
    nextOpeningAt: open ? null : (nextOpening(row.openingHours, row.timezone, now)?.toISOString() ?? null),
  };
}

export function toVendorProfile(row: VendorRow, now: Date = new Date()): VendorProfile {
  return {
    ...toPublicVendor(row, now),
    status: row.status,
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    pickupAllowed: row.pickupAllowed,
    deliveryAllowed: row.deliveryAllowed,
    cashRoundingCents: row.cashRoundingCents,
    gs1Template: row.gs1Template ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface RegisteredVendor {
  vendor: VendorProfile;
  owner: { id: string; name: string; email: string; role: 'owner' };
}

/**
 * A new shop and its owner account, in one transaction. The shop is `pending`: it can set up its catalog, staff
 * and counters at once, and appears on the storefront when an operator approves it (admin.shops.approve).
 *
 * A taken owner email is still refused by name (unlike customer sign-up, services/customer-signup.ts): the
 * answer is the shop itself, which the owner signs in to at once from the counter, so a same-answer design
 * would mean a "confirm by email, then the shop exists" flow across the counter app. Instead refusals are
 * throttled per IP like sign-in failures (a success hands its count back), so this is no free way to test
 * which emails have a shop sign-in.
 */
export async function registerVendor(
  db: DbOrTx,
  input: VendorRegisterInput,
  throttle?: { ip: string; rule: RateLimitRule },
  opts: { autoApprove?: boolean } = {},
): Promise<RegisteredVendor> {
  const { owner, slug, ...profile } = input;
  assertDeliveryHasZones(profile.deliveryEnabled, profile.deliveryZones);
  const ticket = throttle ? await consumeRateLimit(db, [`vendor-register:ip:${throttle.ip}`], throttle.rule) : null;
  const passwordHash = await hashSecret(owner.password); // slow: hash before the transaction starts
  const vendorId = uuidv7();
  const ownerId = uuidv7();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(vendors)
      .values({ id: vendorId, slug, status: opts.autoApprove ? 'approved' : 'pending', ...profile })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError('DUPLICATE', `The shop address "${slug}" is taken. Please choose another.`, { details: { field: 'slug' } });
    const [person] = await tx
      .insert(staff)
      .values({ id: ownerId, vendorId, name: owner.name, email: owner.email, passwordHash, role: 'owner' })
      .onConflictDoNothing()
      .returning({ id: staff.id });
    if (!person) {
      throw new AppError('DUPLICATE', 'That email already belongs to a staff account. Sign in, or use another email.', {
        details: { field: 'owner.email' },
      });
    }
    return created;
  });
  if (ticket) await releaseRateLimit(db, ticket);
  return { vendor: toVendorProfile(row), owner: { id: ownerId, name: owner.name, email: owner.email, role: 'owner' } };
}

export interface VendorPage {
  items: PublicVendor[];
  nextCursor: string | null;
}

/** Approved vendors by name; keyset-paged on (name, id) so pages stay stable while vendors join. */
export async function listVendors(db: DbOrTx, input: VendorListInput, now: Date = new Date()): Promise<VendorPage> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const rows = await db
    .select()
    .from(vendors)
    .where(
      and(
        eq(vendors.status, 'approved'),
        after ? sql`(${vendors.name}, ${vendors.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(vendors.name), asc(vendors.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last ? encodeCursor(last.name, last.id) : null;
  return { items: page.map((r) => toPublicVendor(r, now)), nextCursor };
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return { name: v[0], id: v[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_INPUT', 'That page link is not valid any more. Please start the list again.');
}

const NOT_FOUND_MESSAGE = 'We could not find that shop.';

export async function publicVendorBySlug(db: DbOrTx, slug: string, now: Date = new Date()): Promise<PublicVendor> {
  const [row] = await db.select().from(vendors).where(and(eq(vendors.slug, slug), eq(vendors.status, 'approved')));
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return toPublicVendor(row, now);
}

export async function publicVendorById(db: DbOrTx, vendorId: string, now: Date = new Date()): Promise<PublicVendor> {
  const [row] = await db.select().from(vendors).where(and(eq(vendors.id, vendorId), eq(vendors.status, 'approved')));
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return toPublicVendor(row, now);
}

/** The full profile of the caller's own vendor, whatever its approval status. */
export async function getVendorProfile(db: DbOrTx, vendorId: string, now: Date = new Date()): Promise<VendorProfile> {
  const [row] = await db.select().from(vendors).where(eq(vendors.id, vendorId));
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return toVendorProfile(row, now);
}

/** Changes only the fields sent. The currency is fixed once orders exist: their totals are in it. */
export async function updateVendor(db: DbOrTx, vendorId: string, patch: VendorUpdateInput): Promise<VendorProfile> {
  const row = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(vendors).where(eq(vendors.id, vendorId)).for('update');
    if (!current) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    if (patch.currency !== undefined && patch.currency !== current.currency) {
      const [order] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.vendorId, vendorId)).limit(1);
      if (order) {
        throw new AppError(
          'CONFLICT',
          `The currency cannot change once the shop has orders: their totals are in ${current.currency}.`,
          { details: { field: 'currency' } },
        );
      }
    }
    assertDeliveryHasZones(patch.deliveryEnabled ?? current.deliveryEnabled, patch.deliveryZones ?? current.deliveryZones);
    assertAllowed(current, patch);
    const [updated] = await tx
      .update(vendors)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(vendors.id, vendorId))
      .returning();
    // product search text carries the vendor name
    if (updated && updated.name !== current.name) await refreshProductDenorm(tx, { vendorId });
    return updated ?? current;
  });
  return toVendorProfile(row);
}

/** Pausing hides the shop from new web orders; the reason is shown to customers. Resuming clears it. */
export async function setVendorPaused(db: DbOrTx, vendorId: string, input: VendorPauseInput): Promise<VendorProfile> {
  const reason = input.paused ? input.reason?.trim() || null : null;
  const [row] = await db
    .update(vendors)
    .set({ paused: input.paused, pausedReason: reason, updatedAt: new Date() })
    .where(eq(vendors.id, vendorId))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return toVendorProfile(row);
}

/** The marketplace may take pickup or delivery away from a shop (admin.shops.setPermissions): it cannot turn it back on. */
function assertAllowed(current: VendorRow, patch: VendorUpdateInput): void {
  if (patch.pickupEnabled === true && !current.pickupAllowed) {
    throw new AppError('CONFLICT', 'Makeries has turned off online pickup for your shop, so it cannot be switched on. Contact Makeries support.', {
      details: { field: 'pickupEnabled' },
    });
  }
  if (patch.deliveryEnabled === true && !current.deliveryAllowed) {
    throw new AppError('CONFLICT', 'Makeries has turned off delivery for your shop, so it cannot be switched on. Contact Makeries support.', {
      details: { field: 'deliveryEnabled' },
    });
  }
}

function assertDeliveryHasZones(deliveryEnabled: boolean, zones: DeliveryZone[]): void {
  if (deliveryEnabled && zones.length === 0) {
    throw new AppError('BAD_INPUT', 'Add at least one delivery zone before turning delivery on.', {
      issues: [{ path: 'deliveryZones', message: 'Add at least one delivery zone' }],
    });
  }
}
