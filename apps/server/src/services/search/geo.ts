import { sql, type SQL } from 'drizzle-orm';
import type { GeoPoint } from '@makeries/shared';

/** Mean Earth radius (IUGG), the same constant in SQL and in JS so both agree to the metre. */
const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Haversine distance in metres from `from` to the row's lat/lng columns, in plain SQL: no cube/earthdistance
 * extension, so PGlite and PostgreSQL behave the same (DESIGN §10).
 */
export function distanceSql(from: GeoPoint, lat: SQL, lng: SQL): SQL {
  const fLat = sql`${from.lat}::float8`;
  const fLng = sql`${from.lng}::float8`;
  return sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(${lat} - ${fLat}) / 2), 2)
    + cos(radians(${fLat})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${fLng}) / 2), 2)))))`;
}

interface LngRange {
  min: number;
  max: number;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  /** one range, two when the box crosses the antimeridian, none near a pole (every longitude qualifies) */
  lngRanges: LngRange[] | null;
}

/** The smallest lat/lng box that contains the circle, so a btree on (lat, lng) can discard far vendors cheaply. */
export function boundingBox(center: GeoPoint, radiusMeters: number): BoundingBox {
  const angular = radiusMeters / EARTH_RADIUS_M;
  const dLat = deg(angular);
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const cosLat = Math.cos(rad(center.lat));
  if (maxLat >= 90 || minLat <= -90 || Math.sin(angular) >= cosLat) return { minLat, maxLat, lngRanges: null };
  // widest longitude difference reached on the circle (not simply dLat / cos(lat), which undershoots)
  const dLng = deg(Math.asin(Math.sin(angular) / cosLat));
  const min = center.lng - dLng;
  const max = center.lng + dLng;
  if (min < -180) return { minLat, maxLat, lngRanges: [{ min: min + 360, max: 180 }, { min: -180, max }] };
  if (max > 180) return { minLat, maxLat, lngRanges: [{ min, max: 180 }, { min: -180, max: max - 360 }] };
  return { minLat, maxLat, lngRanges: [{ min, max }] };
}

/** `lat`/`lng` columns inside the box. */
function boundingBoxSql(box: BoundingBox, lat: SQL, lng: SQL): SQL {
  const latCond = sql`${lat} BETWEEN ${box.minLat}::float8 AND ${box.maxLat}::float8`;
  if (!box.lngRanges) return latCond;
  const lngConds = box.lngRanges.map((r) => sql`${lng} BETWEEN ${r.min}::float8 AND ${r.max}::float8`);
  return sql`(${latCond} AND (${sql.join(lngConds, sql` OR `)}))`;
}

/** Rows within `radiusMeters` of `center`: the box for the index, the exact distance for the edge. */
export function withinRadiusSql(center: GeoPoint, radiusMeters: number, lat: SQL, lng: SQL): SQL {
  return sql`(${boundingBoxSql(boundingBox(center, radiusMeters), lat, lng)} AND ${distanceSql(center, lat, lng)} <= ${radiusMeters}::float8)`;
}
