import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { refreshStorefrontRollups } from '../services/rollups/refresh';

/**
 * `count` more approved shops for scale tests, in one `INSERT … SELECT generate_series`: a spiral from 0.5 km to
 * 12 km around `centre` (closed all week, no products), then the storefront rollups refreshed as the job would.
 */
export async function addManyShops(db: Db, count: number, centre: { lat: number; lng: number }): Promise<void> {
  const kmPerDegLng = 111.2 * Math.cos((centre.lat * Math.PI) / 180);
  await db.execute(sql`
    INSERT INTO vendors (id, slug, name, email, address_line1, city, postcode, country, lat, lng, timezone, currency,
      tax_mode, opening_hours, status)
    SELECT gen_random_uuid(), 'bulk-shop-' || i, 'Corner Shop ' || i, 'bulk-' || i || '@example.test', i || ' Long Road',
      'Bristol', 'BS' || (1 + i % 9) || ' 2AB', 'GB',
      ${centre.lat}::float8 + (0.5 + (i % 97) * 0.12) / 111.2 * sin(i * 2.4),
      ${centre.lng}::float8 + (0.5 + (i % 97) * 0.12) / ${kmPerDegLng}::float8 * cos(i * 2.4),
      'Europe/London', 'GBP', 'inclusive', '[]'::jsonb, 'approved'
    FROM generate_series(1, ${count}::int) AS i`);
  await refreshStorefrontRollups(db);
}
