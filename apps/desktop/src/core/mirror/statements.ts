import type Database from 'better-sqlite3';

/*
 * The mirror is written with cached prepared statements rather than the drizzle query builder: a bootstrap
 * upserts ~150k rows for a 50k-product shop, and building each query costs more than running it
 * (measured: ~250 µs vs ~15 µs per row). Column lists mirror db/schema/mirror-*.ts.
 */

type Columns = readonly string[];

const TABLES = {
  vendor: {
    table: 'mirror_vendor',
    key: 'id',
    cols: [
      'id', 'name', 'currency', 'tax_mode', 'timezone', 'cash_rounding_cents', 'gs1_template', 'paused', 'phone', 'address_line1', 'city', 'postcode',
      'description', 'email', 'opening_hours', 'paused_reason', 'receipt_header', 'receipt_footer', 'tax_number', 'receipt_logo_path',
      'sold_out_policy', 'blind_close',
    ],
  },
  category: { table: 'mirror_categories', key: 'id', cols: ['id', 'vendor_id', 'slug', 'name', 'sort'] },
  tax_rate: { table: 'mirror_tax_rates', key: 'id', cols: ['id', 'tax_class', 'name', 'rate_bps'] },
  product: { table: 'mirror_products', key: 'id', cols: ['id', 'category_id', 'name', 'online_visible', 'archived', 'pos_provider', 'pos_edit_url'] },
  variant: {
    table: 'mirror_variants',
    key: 'id',
    cols: ['id', 'product_id', 'name', 'sku', 'barcode', 'price_cents', 'tax_class', 'sold_by', 'track_stock', 'low_stock_threshold', 'sort', 'archived'],
  },
  staff: { table: 'mirror_staff', key: 'id', cols: ['id', 'name', 'role', 'pin_hash', 'active'] },
  stock_level: { table: 'mirror_stock_levels', key: 'variant_id', cols: ['variant_id', 'on_hand', 'reserved', 'updated_at'] },
  promo_code: {
    table: 'mirror_promo_codes',
    key: 'id',
    cols: ['id', 'code', 'description', 'discount_kind', 'percent_bps', 'amount_cents', 'min_basket_cents', 'first_order_only', 'starts_at', 'ends_at', 'active', 'updated_at'],
  },
  web_order: {
    table: 'mirror_web_orders',
    key: 'id',
    cols: [
      'id', 'number', 'status', 'server_status', 'fulfilment', 'customer_id', 'contact', 'delivery_address', 'pickup_at', 'currency',
      'tax_mode', 'subtotal_cents', 'discount_cents', 'tax_cents', 'delivery_fee_cents', 'total_cents', 'payment_status', 'note',
      'prep_minutes', 'status_reason', 'placed_at',
    ],
  },
} as const satisfies Record<string, { table: string; key: string; cols: Columns }>;

export type MirrorEntity = keyof typeof TABLES;
type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

function upsertSql(table: string, key: string, cols: Columns): string {
  const set = cols.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')}) ON CONFLICT(${key}) DO UPDATE SET ${set.join(', ')}`;
}

function build(sqlite: Database.Database) {
  const upsert = {} as Record<MirrorEntity, Database.Statement>;
  const remove = {} as Record<MirrorEntity, Database.Statement>;
  for (const [entity, t] of Object.entries(TABLES) as [MirrorEntity, (typeof TABLES)[MirrorEntity]][]) {
    upsert[entity] = sqlite.prepare(upsertSql(t.table, t.key, t.cols));
    remove[entity] = sqlite.prepare(`DELETE FROM ${t.table} WHERE ${t.key} = ?`);
  }
  return {
    upsert,
    remove,
    deleteOrderLines: sqlite.prepare('DELETE FROM mirror_web_order_lines WHERE order_id = ?'),
    insertOrderLine: sqlite.prepare(
      `INSERT INTO mirror_web_order_lines (id, order_id, line_no, variant_id, name, variant_name, sku, quantity, sold_by, unit_price_cents, total_cents)
       VALUES (@id, @order_id, @line_no, @variant_id, @name, @variant_name, @sku, @quantity, @sold_by, @unit_price_cents, @total_cents)`,
    ),
    pendingTransitions: sqlite.prepare(
      `SELECT args FROM outbox WHERE status = 'pending' AND name = 'order.transition' AND json_extract(args, '$.orderId') = ? ORDER BY mutation_id`,
    ),
  };
}

export type MirrorStatements = ReturnType<typeof build>;

const cache = new WeakMap<Database.Database, MirrorStatements>();

export function mirrorStatements(sqlite: Database.Database): MirrorStatements {
  let s = cache.get(sqlite);
  if (!s) {
    s = build(sqlite);
    cache.set(sqlite, s);
  }
  return s;
}

export const MIRROR_TABLE_NAMES = [
  'mirror_promo_codes',
  'mirror_web_order_lines',
  'mirror_web_orders',
  'mirror_stock_levels',
  'mirror_staff',
  'mirror_variants',
  'mirror_products',
  'mirror_categories',
  'mirror_tax_rates',
  'mirror_vendor',
] as const;
