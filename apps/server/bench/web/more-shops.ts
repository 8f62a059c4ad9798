import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { refreshStorefrontRollups } from '../../src/services/rollups/refresh';

/**
 * Grows the bench market to `total` approved shops in one `INSERT … SELECT generate_series` (seconds, not
 * minutes): each new shop sits around one of the generated cities (within ~12 km of its centre, denser near it, like
 * search/generate.ts) with two products, so the directory, the rollups and the nearest-shop rings all see a
 * city five or ten times as dense. Then the storefront rollups are refreshed as the job would.
 */
export async function growMarket(url: string, total: number): Promise<{ shops: number; approved: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM vendors');
    const have = rows[0]?.n ?? 0;
    if (total > have) {
      await client.query(
        `WITH centre AS (
           SELECT city, avg(lat) AS lat, avg(lng) AS lng, row_number() OVER (ORDER BY city) - 1 AS k, count(*) OVER () AS n
           FROM vendors GROUP BY city
         ),
         fresh AS (
           SELECT i, gen_random_uuid() AS id, sqrt(random()) * 0.11 AS d, random() * 2 * pi() AS a FROM generate_series(1, $1::int) AS i
         )
         INSERT INTO vendors (id, slug, name, email, address_line1, city, postcode, country, lat, lng, timezone, currency,
           tax_mode, opening_hours, pickup_enabled, delivery_enabled, status)
         SELECT f.id, 'more-shop-' || f.i, 'Neighbourhood Shop ' || f.i, 'more-' || f.i || '@bench.test', f.i || ' High Street',
           c.city, 'BS' || (1 + f.i % 40) || ' 3CD', 'GB', c.lat + f.d * sin(f.a), c.lng + f.d * cos(f.a) / cos(radians(c.lat)),
           'Europe/London', 'GBP', 'inclusive', '[{"day":1,"open":"08:00","close":"18:00"}]'::jsonb, true, false, 'approved'
         FROM fresh f JOIN centre c ON c.k = f.i % c.n`,
        [total - have],
      );
      await client.query(
        `INSERT INTO products (id, vendor_id, name, description, min_price_cents, in_stock, popularity, search_extra)
         SELECT gen_random_uuid(), v.id, 'House loaf ' || s, 'Baked this morning', 350, true, (random() * 20)::int, v.name
         FROM vendors v, generate_series(1, 2) AS s WHERE v.slug LIKE 'more-shop-%'`,
      );
      await client.query('VACUUM ANALYZE vendors');
      await client.query('VACUUM ANALYZE products');
    }
    const counts = await client.query<{ shops: number; approved: number }>(
      `SELECT count(*)::int AS shops, count(*) FILTER (WHERE status = 'approved')::int AS approved FROM vendors`,
    );
    const row = counts.rows[0];
    if (!row) throw new Error('vendor count returned no row');
    await refreshRollups(url);
    return row;
  } finally {
    await client.end();
  }
}

/** What the server's periodic job does (services/rollups/refresh.ts), run once now. */
export async function refreshRollups(url: string): Promise<void> {
  const database = await openDatabase({ kind: 'postgres', url, max: 1 });
  try {
    await refreshStorefrontRollups(database.db);
  } finally {
    await database.close();
  }
}
