import { sql } from 'drizzle-orm';
import type { NearbyVendor, VendorsNearbyInput } from '@makeries/shared';
import { queryRows, type DbOrTx } from '../../db/client';
import { distanceSql, withinRadiusSql } from './geo';
import { mediaUrl } from './media-url';
import { openNowChecker, type HoursRow } from './open-now';

interface NearbyRow extends HoursRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string;
  lat: number;
  lng: number;
  image_path: string | null;
  pickup_enabled: boolean;
  delivery_enabled: boolean;
  distance_m: number;
}

/** Approved vendors within the radius, nearest first, each with its distance and whether it is open right now. */
export async function vendorsNearby(db: DbOrTx, input: VendorsNearbyInput, now: Date = new Date()): Promise<NearbyVendor[]> {
  const center = { lat: input.lat, lng: input.lng };
  // openNow is decided in JS (time zones), so only then fetch the whole radius before cutting to the limit
  const limit = input.openNow ? sql`` : sql`LIMIT ${input.limit}`;
  const rows = await queryRows<NearbyRow>(
    db,
    sql`SELECT id, slug, name, description, city, lat, lng, image_path, paused, pickup_enabled, delivery_enabled,
          opening_hours, timezone, round(${distanceSql(center, sql`lat`, sql`lng`)})::int AS distance_m
        FROM vendors
        WHERE status = 'approved' AND ${withinRadiusSql(center, input.radiusKm * 1000, sql`lat`, sql`lng`)}
        ORDER BY distance_m, id ${limit}`,
  );
  const isOpen = openNowChecker(now);
  const vendors = rows.map(
    (r): NearbyVendor => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      city: r.city,
      lat: r.lat,
      lng: r.lng,
      imageUrl: r.image_path ? mediaUrl(r.image_path) : null,
      distanceMeters: r.distance_m,
      isOpenNow: isOpen(r),
      paused: r.paused,
      pickupEnabled: r.pickup_enabled,
      deliveryEnabled: r.delivery_enabled,
    }),
  );
  return (input.openNow ? vendors.filter((v) => v.isOpenNow) : vendors).slice(0, input.limit);
}
