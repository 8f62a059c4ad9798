import { AppError, type AdminShopDetail, type AdminShopListInput, type AdminShopListItem, type AdminShopPage } from '@makeries/shared';
import { and, asc, count, desc, eq, max, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { devices, posConnections, products, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { listAudit } from './audit';
import { SHOP_NOT_FOUND } from './shop-standing';

type VendorRow = typeof vendors.$inferSelect;

/** The shop's owner account (the first active owner), joined into every list row. */
// written out: inside a one-table select drizzle renders ${vendors.id} unqualified, which the subquery would misread
const ownerOf = sql<{ name: string; email: string | null } | null>`(
  SELECT json_build_object('name', s.name, 'email', s.email) FROM staff s
  WHERE s.vendor_id = "vendors"."id" AND s.role = 'owner' AND s.active ORDER BY s.id LIMIT 1)`;

function listItem(v: VendorRow, owner: { name: string; email: string | null } | null): AdminShopListItem {
  return {
    id: v.id,
    slug: v.slug,
    name: v.name,
    email: v.email,
    city: v.city,
    status: v.status,
    statusReason: v.statusReason,
    statusChangedAt: v.statusChangedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    owner: owner ? { name: owner.name, email: owner.email ?? '' } : null,
  };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && !Number.isNaN(Date.parse(v[0])) && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return { at: v[0], id: v[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_INPUT', 'This page link is not valid. Go back to the first page.');
}

/** `%`, `_` and `\` typed in a search are literal characters, not patterns. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Shops for the console, paged on (created_at, id). Applications waiting for approval come oldest first (the
 * queue: who has waited longest); every other view newest first. Search matches name, email, web address and the
 * owner's email.
 */
export async function listShops(db: DbOrTx, input: AdminShopListInput): Promise<AdminShopPage> {
  const oldestFirst = input.status === 'pending';
  const where: SQL[] = [];
  if (input.status) where.push(eq(vendors.status, input.status));
  const q = input.search?.trim();
  if (q) {
    const p = likePattern(q);
    const bySearch = or(
      sql`${vendors.name} ILIKE ${p}`,
      sql`${vendors.email} ILIKE ${p}`,
      sql`${vendors.slug} ILIKE ${p}`,
      sql`EXISTS (SELECT 1 FROM staff s WHERE s.vendor_id = "vendors"."id" AND s.role = 'owner' AND s.email ILIKE ${p})`,
    );
    if (bySearch) where.push(bySearch);
  }
  if (input.cursor !== undefined) {
    const after = decodeCursor(input.cursor);
    const key = sql`(${vendors.createdAt}, ${vendors.id})`;
    const at = sql`(${after.at}::timestamptz, ${after.id}::uuid)`;
    where.push(oldestFirst ? sql`${key} > ${at}` : sql`${key} < ${at}`);
  }
  const order = oldestFirst ? [asc(vendors.createdAt), asc(vendors.id)] : [desc(vendors.createdAt), desc(vendors.id)];
  const rows = await db
    .select({ v: vendors, owner: ownerOf })
    .from(vendors)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => listItem(r.v, r.owner)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.v.createdAt, last.v.id) : null,
  };
}

/** Everything the console shows about one shop: profile, owner, standing and its history, money, counters, bridge. */
export async function shopDetail(db: DbOrTx, env: Env, vendorId: string): Promise<AdminShopDetail> {
  const [row] = await db.select({ v: vendors, owner: ownerOf }).from(vendors).where(eq(vendors.id, vendorId)).limit(1);
  if (!row) throw new AppError('NOT_FOUND', SHOP_NOT_FOUND);
  const { v } = row;
  const [counterRows, productRows, bridgeRows, history] = await Promise.all([
    db
      .select({ revoked: sql<boolean>`${devices.revokedAt} IS NOT NULL`, n: count(), lastSeenAt: max(devices.lastSeenAt) })
      .from(devices)
      .where(eq(devices.vendorId, vendorId))
      .groupBy(sql`${devices.revokedAt} IS NOT NULL`),
    db.select({ n: count() }).from(products).where(and(eq(products.vendorId, vendorId), eq(products.archived, false))),
    db
      .select({ provider: posConnections.provider, status: posConnections.status, statusReason: posConnections.statusReason, consecutiveFailures: posConnections.consecutiveFailures })
      .from(posConnections)
      .where(eq(posConnections.vendorId, vendorId))
      .limit(1),
    listAudit(db, { targetType: 'vendor', targetId: vendorId, limit: 50 }),
  ]);
  const active = counterRows.find((c) => !c.revoked);
  const revoked = counterRows.find((c) => c.revoked);
  return {
    ...listItem(v, row.owner),
    description: v.description,
    phone: v.phone,
    addressLine1: v.addressLine1,
    postcode: v.postcode,
    country: v.country,
    currency: v.currency,
    paused: v.paused,
    pausedReason: v.pausedReason,
    pickupEnabled: v.pickupEnabled,
    deliveryEnabled: v.deliveryEnabled,
    pickupAllowed: v.pickupAllowed,
    deliveryAllowed: v.deliveryAllowed,
    platformFeeBps: v.platformFeeBps,
    effectiveFeeBps: v.platformFeeBps ?? env.PLATFORM_FEE_BPS,
    stripe: { accountId: v.stripeAccountId, chargesEnabled: v.stripeChargesEnabled, payoutsEnabled: v.stripePayoutsEnabled, payoutHold: v.payoutHold },
    counters: { active: active?.n ?? 0, revoked: revoked?.n ?? 0, lastSeenAt: toIso(active?.lastSeenAt) },
    products: productRows[0]?.n ?? 0,
    bridge: bridgeRows[0] ?? null,
    history: history.items,
  };
}

function toIso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
