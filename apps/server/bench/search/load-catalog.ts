import pg from 'pg';
import { CATEGORIES } from './catalog-words';
import type { GeneratedCatalog } from './generate';

const BATCH = 5000;

/** Runs `sql` once per 5k-row slice of the column arrays, which are its $1..$n in order. */
async function batched(client: pg.Client, sql: string, cols: unknown[][]): Promise<void> {
  const n = cols[0]?.length ?? 0;
  for (let from = 0; from < n; from += BATCH) {
    await client.query(sql, cols.map((c) => c.slice(from, Math.min(n, from + BATCH))));
  }
}

async function loadVendors(client: pg.Client, cat: GeneratedCatalog): Promise<void> {
  const v = cat.vendors;
  await client.query(
    `INSERT INTO vendors (id, slug, name, email, address_line1, city, postcode, country, lat, lng, timezone, currency,
       tax_mode, opening_hours, pickup_enabled, delivery_enabled, paused, status)
     SELECT id, slug, name, slug || '@bench.test', '1 Market Street', city, 'BS1 1AA', 'GB', lat, lng, 'Europe/London', 'GBP',
       'inclusive', hours::jsonb, pickup, delivery, paused, status
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::bool[], $9::bool[],
       $10::bool[], $11::text[]) AS t(id, slug, name, city, lat, lng, hours, pickup, delivery, paused, status)`,
    [
      v.map((x) => x.id),
      v.map((x) => x.slug),
      v.map((x) => x.name),
      v.map((x) => x.city),
      v.map((x) => x.lat),
      v.map((x) => x.lng),
      v.map((x) => JSON.stringify(x.openingHours)),
      v.map((x) => x.pickup),
      v.map((x) => x.delivery),
      v.map((x) => x.paused),
      v.map((x) => x.status),
    ],
  );
}

/**
 * Grows the loaded catalog to `total` products inside Postgres (one INSERT … SELECT over generate_series, GIN
 * indexes rebuilt afterwards), where generating a million rows in JS and shipping them would take minutes.
 * Copies get new ids, a fresh popularity from the same skewed distribution and the original's name, description,
 * vendor and category, so the word frequencies stay those of the generated catalog; they have no variants or images (search reads
 * neither). Only the search benchmark's 1M variant uses this.
 */
export async function replicateProducts(url: string, total: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    const base = rows[0]?.n ?? 0;
    if (base === 0 || total <= base) return;
    const copies = Math.ceil(total / base) - 1;
    // the change feed's row trigger would log a million rows nobody syncs; GIN indexes build faster than they grow
    await client.query('ALTER TABLE products DISABLE TRIGGER products_change_log');
    const gin = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'products' AND indexdef LIKE '%USING gin%'`,
    );
    for (const i of gin.rows) await client.query(`DROP INDEX ${i.name}`);
    await client.query(
      `INSERT INTO products (id, vendor_id, category_id, name, description, dietary_tags, online_visible, archived,
         min_price_cents, in_stock, popularity, search_extra, created_at, updated_at)
       SELECT gen_random_uuid(), p.vendor_id, p.category_id, p.name, p.description, p.dietary_tags, p.online_visible, p.archived,
         p.min_price_cents, p.in_stock, floor(1000 * power(random(), 6))::int, p.search_extra, p.created_at, p.created_at
       FROM generate_series(1, $1::int) AS k CROSS JOIN (SELECT * FROM products ORDER BY id) p
       LIMIT $2::int`,
      [copies, total - base],
    );
    for (const i of gin.rows) await client.query(i.def);
    await client.query('ALTER TABLE products ENABLE TRIGGER products_change_log');
    await client.query('VACUUM ANALYZE products');
  } finally {
    await client.end();
  }
}

/**
 * Bulk-loads the generated catalog with multi-row `INSERT … SELECT FROM unnest(arrays)` (5k rows a statement),
 * then VACUUM ANALYZE so the GIN pending lists are merged and the planner has statistics, as in production.
 */
export async function loadCatalog(url: string, cat: GeneratedCatalog): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`INSERT INTO categories (id, slug, name, sort) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[])`, [
      cat.categoryIds,
      CATEGORIES.map((c) => c.slug),
      CATEGORIES.map((c) => c.name),
      CATEGORIES.map((_, i) => i),
    ]);
    await loadVendors(client, cat);
    const p = cat.products;
    await batched(
      client,
      `INSERT INTO products (id, vendor_id, category_id, name, description, dietary_tags, online_visible, archived,
         min_price_cents, in_stock, popularity, search_extra, created_at, updated_at)
       SELECT id, vendor_id, category_id, name, description, string_to_array(dietary, ','), visible, archived,
         min_price, in_stock, popularity, search_extra, created_at, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::bool[], $9::int[],
         $10::bool[], $11::int[], $12::text[], $13::timestamptz[])
         AS t(id, vendor_id, category_id, name, description, dietary, visible, archived, min_price, in_stock, popularity, search_extra, created_at)`,
      [p.id, p.vendorId, p.categoryId, p.name, p.description, p.dietary, p.visible, p.archived, p.minPrice, p.inStock, p.popularity, p.searchExtra, p.createdAt],
    );
    await batched(
      client,
      `INSERT INTO variants (id, product_id, vendor_id, name, sku, price_cents)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[])`,
      [cat.variants.id, cat.variants.productId, cat.variants.vendorId, cat.variants.name, cat.variants.sku, cat.variants.price],
    );
    await batched(
      client,
      `INSERT INTO product_images (id, product_id, vendor_id, original_path, thumb_path, medium_path, width, height)
       SELECT id, product_id, vendor_id, thumb, thumb, thumb, 800, 600 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])
         AS t(id, product_id, vendor_id, thumb)`,
      [cat.images.id, cat.images.productId, cat.images.vendorId, cat.images.thumb],
    );
    await batched(client, `INSERT INTO search_words (word, uses) SELECT * FROM unnest($1::text[], $2::int[])`, [
      [...cat.words.keys()],
      [...cat.words.values()],
    ]);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}
