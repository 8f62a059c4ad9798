import { sql } from 'drizzle-orm';
import {
  isOpenAt,
  nextOpening,
  SEARCH_DEFAULT_RADIUS_KM,
  type GeoPoint,
  type OpeningHours,
  type ShopCard,
  type ShopDirectoryInput,
  type ShopDirectoryPage,
} from '@makeries/shared';
import { queryRows, type DbOrTx } from '../../db/client';
import { distanceSql, withinRadiusSql } from '../search/geo';
import { decodeDirectoryCursor, encodeDirectoryCursor } from './directory-cursor';

interface ShopRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string;
  postcode: string;
  pickup_enabled: boolean;
  delivery_enabled: boolean;
  paused: boolean;
  opening_hours: OpeningHours;
  timezone: string;
}
interface RankedRow extends ShopRow {
  rank: number;
}
interface NearRow extends ShopRow {
  distance_m: number;
}

const SHOP_COLUMNS = sql`v.id, v.slug, v.name, v.description, v.city, v.postcode, v.pickup_enabled, v.delivery_enabled, v.paused,
  v.opening_hours, v.timezone`;

/** The nearest-shops search starts with this radius and widens it threefold until a page is full (or 25 km). */
const FIRST_RING_M = 1_000;
const MAX_RADIUS_M = SEARCH_DEFAULT_RADIUS_KM * 1000;

function toCard(r: ShopRow, now: Date, distanceMeters?: number): ShopCard {
  const open = !r.paused && isOpenAt(r.opening_hours, r.timezone, now);
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    city: r.city,
    area: r.postcode.split(' ')[0] ?? '',
    pickupEnabled: r.pickup_enabled,
    deliveryEnabled: r.delivery_enabled,
    paused: r.paused,
    isOpenNow: open,
    nextOpeningAt: open ? null : (nextOpening(r.opening_hours, r.timezone, now)?.toISOString() ?? null),
    timezone: r.timezone,
    ...(distanceMeters === undefined ? {} : { distanceMeters }),
  };
}

/**
 * The shops nearest to `center` after the cursor, nearest first, at most `limit + 1` (one more tells whether a
 * next page exists). Searched in widening rings (1 km, 3 km, 9 km, 25 km): every shop inside a ring is nearer than
 * any outside it, so the first ring holding a full page holds exactly the nearest ones, and a page costs what that
 * ring holds — in a denser market the ring is smaller — not what the whole market holds.
 */
export async function nearestShopRows(db: DbOrTx, center: GeoPoint, limit: number, after: { meters: number; id: string } | null): Promise<NearRow[]> {
  const afterSql = after ? sql`AND (n.distance_m, n.id) > (${after.meters}::int, ${after.id}::uuid)` : sql``;
  let radius = Math.min(MAX_RADIUS_M, Math.max(FIRST_RING_M, (after?.meters ?? 0) + FIRST_RING_M));
  for (;;) {
    const rows = await queryRows<NearRow>(
      db,
      sql`SELECT n.* FROM (
            SELECT ${SHOP_COLUMNS}, round(${distanceSql(center, sql`v.lat`, sql`v.lng`)})::int AS distance_m
            FROM vendors v
            WHERE v.status = 'approved' AND ${withinRadiusSql(center, radius, sql`v.lat`, sql`v.lng`)}
          ) n
          WHERE true ${afterSql}
          ORDER BY n.distance_m, n.id
          LIMIT ${limit + 1}`,
    );
    if (rows.length > limit || radius >= MAX_RADIUS_M) return rows;
    radius = Math.min(MAX_RADIUS_M, radius * 3);
  }
}

async function popularShopRows(db: DbOrTx, limit: number, afterRank: number): Promise<RankedRow[]> {
  return queryRows<RankedRow>(
    db,
    sql`SELECT ${SHOP_COLUMNS}, r.rank
        FROM vendor_rollups r JOIN vendors v ON v.id = r.vendor_id
        WHERE r.rank > ${afterRank} AND v.status = 'approved'
        ORDER BY r.rank
        LIMIT ${limit + 1}`,
  );
}

/**
 * One page of the storefront's shop directory: nearest first around `near`, else the most popular shops (the
 * rollup's ranking, services/rollups/refresh.ts). Keyset-paged either way, so page 200 costs what page 1 does.
 */
export async function shopDirectory(db: DbOrTx, input: ShopDirectoryInput, now: Date = new Date()): Promise<ShopDirectoryPage> {
  if (input.near) {
    const after = input.cursor === undefined ? null : decodeDirectoryCursor(input.cursor, 'distance');
    const rows = await nearestShopRows(db, input.near, input.limit, after?.order === 'distance' ? after : null);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    const shown = after?.shown ?? 0;
    return {
      order: 'distance',
      items: page.map((r) => toCard(r, now, r.distance_m)),
      firstPosition: shown + 1,
      nextCursor: rows.length > input.limit && last ? encodeDirectoryCursor({ order: 'distance', meters: last.distance_m, id: last.id, shown: shown + page.length }) : null,
    };
  }
  const after = input.cursor === undefined ? null : decodeDirectoryCursor(input.cursor, 'popularity');
  const rows = await popularShopRows(db, input.limit, after?.order === 'popularity' ? after.rank : 0);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const shown = after?.shown ?? 0;
  return {
    order: 'popularity',
    items: page.map((r) => toCard(r, now)),
    firstPosition: shown + 1,
    nextCursor: rows.length > input.limit && last ? encodeDirectoryCursor({ order: 'popularity', rank: last.rank, shown: shown + page.length }) : null,
  };
}
