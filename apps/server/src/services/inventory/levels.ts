import { AppError } from '@makeries/shared';
import { is, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx, type Tx } from '../../db/client';

/** Runs `fn` in the caller's transaction when there is one, else in a new one (no savepoint round trips). */
export async function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (is(db, PgTransaction)) return fn(db as Tx);
  return db.transaction(fn);
}

export function uuidList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

export interface LockedLevel {
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  onHand: number;
  reserved: number;
  trackStock: boolean;
  lowStockThreshold: number;
}

/**
 * Creates missing inventory_levels rows, then locks the rows FOR UPDATE in variant-id order, so every
 * ledger writer and every reservation on a variant runs one after another (and never deadlocks). Under
 * READ COMMITTED the statements that follow see every movement committed before the lock was granted.
 * Throws NOT_FOUND (before anything is recorded) when a variant is not the vendor's.
 */
export async function lockLevels(tx: Tx, vendorId: string, variantIds: readonly string[]): Promise<Map<string, LockedLevel>> {
  const ids = [...new Set(variantIds)].sort();
  if (ids.length === 0) return new Map();
  const malformed = ids.filter((id) => !UUID_RE.test(id));
  if (malformed.length > 0) throw notFound(malformed);
  await tx.execute(sql`
    INSERT INTO inventory_levels (variant_id, vendor_id)
    SELECT v.id, v.vendor_id FROM variants v WHERE v.id IN (${uuidList(ids)}) AND v.vendor_id = ${vendorId}
    ON CONFLICT (variant_id) DO NOTHING`);
  const rows = await queryRows<LockedLevel>(
    tx,
    sql`SELECT l.variant_id AS "variantId", v.product_id AS "productId", p.name AS "productName",
               v.name AS "variantName", l.on_hand AS "onHand", l.reserved, v.track_stock AS "trackStock",
               v.low_stock_threshold AS "lowStockThreshold"
        FROM inventory_levels l
        JOIN variants v ON v.id = l.variant_id
        JOIN products p ON p.id = v.product_id
        WHERE l.variant_id IN (${uuidList(ids)}) AND l.vendor_id = ${vendorId}
        ORDER BY l.variant_id
        FOR UPDATE OF l`,
  );
  const byId = new Map(rows.map((r) => [r.variantId, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw notFound(missing);
  return byId;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(variantIds: string[]): AppError {
  const message = variantIds.length === 1 ? 'That product variant does not exist.' : 'Some product variants do not exist.';
  return new AppError('NOT_FOUND', message, { details: { variantIds } });
}

/**
 * products.in_stock = some non-archived variant is untracked or has on_hand − reserved > 0. Only rows whose
 * value changes are written, so an ordinary sale does not lock its product row.
 */
export async function refreshInStock(tx: DbOrTx, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return;
  await tx.execute(sql`
    UPDATE products p SET in_stock = s.in_stock
    FROM (
      SELECT p2.id, EXISTS (
        SELECT 1 FROM variants v LEFT JOIN inventory_levels l ON l.variant_id = v.id
        WHERE v.product_id = p2.id AND NOT v.archived
          AND (NOT v.track_stock OR coalesce(l.on_hand, 0) - coalesce(l.reserved, 0) > 0)
      ) AS in_stock
      FROM products p2 WHERE p2.id IN (${uuidList(ids)})
    ) s
    WHERE p.id = s.id AND p.in_stock IS DISTINCT FROM s.in_stock`);
}

/** Sums quantities per variant, so one variant on two order lines is reserved once and locked once. */
export function aggregateItems(items: readonly { variantId: string; quantity: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const it of items) {
    if (!Number.isInteger(it.quantity) || it.quantity <= 0) {
      throw new AppError('BAD_INPUT', 'Quantities must be whole numbers above zero.', {
        details: { variantId: it.variantId, quantity: it.quantity },
      });
    }
    totals.set(it.variantId, (totals.get(it.variantId) ?? 0) + it.quantity);
  }
  return totals;
}
