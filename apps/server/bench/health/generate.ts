import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/client';

export interface HealthDataset {
  shops: number;
  orders: number;
  checkouts: number;
  refunds: number;
  devices: number;
  seconds: number;
}

/**
 * A market of `shops` shops with `orders` orders spread over two years, all inside Postgres (generate_series,
 * no rows through the client): sales growing steadily (twice the average rate now, none two years ago), popular shops selling more than the rest,
 * ~40 % web orders (each with its checkout, a few rejected, cancelled or never paid) and ~60 % counter sales, 1 %
 * of counter sales refunded in part, abandoned checkouts, two counters per shop (some silent for days), a few
 * failing POS bridges and oversold alerts, and a little email and job backlog.
 */
export async function generateHealthMarket(db: Db, shops: number, orders: number): Promise<HealthDataset> {
  const t0 = performance.now();
  await db.execute(sql`
    INSERT INTO vendors (id, slug, name, email, address_line1, city, postcode, country, lat, lng, timezone, currency, tax_mode, opening_hours, status)
    SELECT gen_random_uuid(), 'bench-shop-' || i, 'Bench Shop ' || lpad(i::text, 4, '0'), 'shop' || i || '@bench.test', i || ' High Street', 'Bristol',
           'BS1 1AA', 'GB', 51.45 + (i % 50) * 0.001, -2.58 - (i / 50) * 0.001, 'Europe/London', 'GBP', 'inclusive', '[]'::jsonb, 'approved'
    FROM generate_series(1, ${shops}) i`);
  await db.execute(sql`CREATE TEMP TABLE bench_shops AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM vendors`);
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_shops (n)`);
  // one row per order to come: when, which shop (skewed to the popular ones), which channel, how much
  await db.execute(sql`
    CREATE TEMP TABLE bench_plan AS
    SELECT i,
           gen_random_uuid() AS id,
           CASE WHEN random() < 0.4 THEN 'web' ELSE 'counter' END AS channel,
           now() - interval '730 days' * (1 - sqrt(random())) AS placed_at,
           floor(${shops} * power(random(), 1.8))::int AS shop_n,
           (300 + floor(random() * 6000))::int AS total,
           random() AS fate
    FROM generate_series(1, ${orders}) i`);
  await db.execute(sql`ALTER TABLE bench_plan ADD COLUMN checkout_id uuid`);
  await db.execute(sql`UPDATE bench_plan SET checkout_id = gen_random_uuid() WHERE channel = 'web'`);
  await db.execute(sql`
    INSERT INTO checkouts (id, idempotency_key, contact, currency, total_cents, payment_method, created_at)
    SELECT checkout_id, 'bench-' || i, '{"name":"Bench","email":"bench@bench.test","phone":""}'::jsonb, 'GBP', total,
           CASE WHEN fate < 0.5 THEN 'card' ELSE 'pay_at_pickup' END, placed_at
    FROM bench_plan WHERE channel = 'web'`);
  // checkouts never paid: about one in ten carts submitted
  await db.execute(sql`
    INSERT INTO checkouts (id, idempotency_key, contact, currency, total_cents, payment_method, created_at)
    SELECT gen_random_uuid(), 'bench-abandoned-' || i, '{"name":"Bench","email":"bench@bench.test","phone":""}'::jsonb, 'GBP', 1000, 'card',
           now() - interval '730 days' * (1 - sqrt(random()))
    FROM generate_series(1, ${Math.round(orders * 0.04)}) i`);
  await db.execute(sql`
    INSERT INTO orders (id, vendor_id, checkout_id, channel, number, status, fulfilment, currency, tax_mode, subtotal_cents, tax_cents, total_cents,
                        payment_status, placed_at, created_at, updated_at)
    SELECT p.id, s.id, p.checkout_id, p.channel, CASE WHEN p.channel = 'web' THEN 'W-' ELSE 'R1-' END || p.i,
           CASE WHEN p.channel = 'counter' THEN 'completed' WHEN p.fate < 0.02 THEN 'rejected' WHEN p.fate < 0.03 THEN 'cancelled' ELSE 'completed' END,
           CASE WHEN p.channel = 'counter' THEN 'counter' ELSE 'pickup' END, 'GBP', 'inclusive', p.total, 0, p.total,
           CASE WHEN p.channel = 'counter' THEN 'paid' WHEN p.fate BETWEEN 0.03 AND 0.05 THEN 'unpaid' WHEN p.fate < 0.5 THEN 'paid' ELSE 'pay_at_pickup' END,
           p.placed_at, p.placed_at, p.placed_at + interval '1 hour'
    FROM bench_plan p JOIN bench_shops s ON s.n = p.shop_n`);
  await db.execute(sql`
    INSERT INTO refunds (id, vendor_id, order_id, number, restock, tender, total_cents, refunded_at, created_at)
    SELECT gen_random_uuid(), s.id, p.id, 'RF-' || p.i, false, 'cash', p.total / 3, p.placed_at + interval '2 days', p.placed_at + interval '2 days'
    FROM bench_plan p JOIN bench_shops s ON s.n = p.shop_n
    WHERE p.channel = 'counter' AND p.fate > 0.99`);
  await db.execute(sql`
    INSERT INTO devices (id, vendor_id, name, register_code, token_hash, paired_at, last_seen_at)
    SELECT gen_random_uuid(), s.id, 'Till ' || k, 'T' || k, md5(s.id::text || k), now() - interval '300 days',
           now() - interval '1 hour' * CASE WHEN (s.n + k) % 23 = 0 THEN 24 * (2 + s.n % 9) ELSE (s.n % 5) END
    FROM bench_shops s CROSS JOIN generate_series(1, 2) k`);
  await db.execute(sql`
    INSERT INTO pos_connections (id, vendor_id, provider, connection_key, status, status_reason, credentials_enc, currency, consecutive_failures)
    SELECT gen_random_uuid(), s.id, 'square', 'bench-' || s.n, CASE WHEN s.n % 10 = 0 THEN 'error' ELSE 'connected' END,
           CASE WHEN s.n % 10 = 0 THEN 'The token was refused.' END, 'x', 'GBP', CASE WHEN s.n % 10 = 0 THEN 3 ELSE 0 END
    FROM bench_shops s WHERE s.n % 4 = 0`);
  await db.execute(sql`
    INSERT INTO products (id, vendor_id, name) SELECT gen_random_uuid(), s.id, 'Bench bread' FROM bench_shops s WHERE s.n % 7 = 0`);
  await db.execute(sql`
    INSERT INTO variants (id, product_id, vendor_id, name, sku, price_cents) SELECT gen_random_uuid(), p.id, p.vendor_id, 'Default', 'BB', 300 FROM products p`);
  await db.execute(sql`
    INSERT INTO stock_alerts (id, vendor_id, variant_id, kind, on_hand, message, created_at, resolved_at)
    SELECT gen_random_uuid(), v.vendor_id, v.id, 'oversold', -1, 'Bench bread is oversold', now() - interval '1 hour' * (k * 20),
           CASE WHEN k % 2 = 0 THEN now() END
    FROM variants v CROSS JOIN generate_series(1, 20) k`);
  await db.execute(sql`
    INSERT INTO email_outbox (id, kind, "to", subject, body, status, next_attempt_at, created_at)
    SELECT gen_random_uuid(), 'password_reset', 'x' || i || '@bench.test', 's', 'b',
           CASE WHEN i % 50 = 0 THEN 'queued' WHEN i % 97 = 0 THEN 'failed' ELSE 'sent' END, now() - interval '1 minute' * (i % 90), now() - interval '1 minute' * i
    FROM generate_series(1, 50000) i`);
  await db.execute(sql`
    INSERT INTO jobs (id, kind, key, payload, status, run_at)
    SELECT gen_random_uuid(), CASE WHEN i % 3 = 0 THEN 'transfer' ELSE 'pos.webhook' END, 'bench-' || i, '{}'::jsonb,
           CASE WHEN i % 40 = 0 THEN 'queued' WHEN i % 101 = 0 THEN 'failed' ELSE 'done' END, now() - interval '1 second' * i
    FROM generate_series(1, 50000) i`);
  await db.execute(sql`ANALYZE`);
  const count = async (table: string) => {
    const [r] = await queryRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    return r?.n ?? 0;
  };
  return {
    shops,
    orders: await count('orders'),
    checkouts: await count('checkouts'),
    refunds: await count('refunds'),
    devices: await count('devices'),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}
