import { createHash } from 'node:crypto';
import { AppError, MAX_STOCK_QUANTITY, MOVEMENT_KINDS, uuidv7, type MovementKind } from '@makeries/shared';
import { inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client';
import { inventoryMovements } from '../../db/schema/index';
import { updateStockAlerts, type LevelChange } from './alerts';
import { recordBridgePushes } from '../bridges/stock';
import { markBackInStock } from '../comeback/back-in-stock';
import { aggregateItems, inTransaction, lockLevels, refreshInStock, uuidList } from './levels';

export interface MovementInput {
  /** natural key: a movement resent with the same id is recorded once */
  id?: string;
  variantId: string;
  kind: MovementKind;
  /**
   * Items (grams for weighed goods). The kind fixes the sign of sale (−), refund and receive (+), so either
   * sign is accepted for those; adjust is a signed delta; count is the absolute level counted.
   */
  quantity: number;
  occurredAt: Date;
  reference?: string;
  note?: string;
  staffId?: string;
  deviceId?: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bad(message: string, m: MovementInput): AppError {
  return new AppError('BAD_INPUT', message, { details: { variantId: m.variantId, kind: m.kind, quantity: m.quantity } });
}

function signedQuantity(m: MovementInput): number {
  if (!(MOVEMENT_KINDS as readonly string[]).includes(m.kind)) throw bad(`Unknown stock movement kind "${m.kind}".`, m);
  if (!Number.isInteger(m.quantity) || Math.abs(m.quantity) > MAX_STOCK_QUANTITY) {
    throw bad('Stock quantities are whole items (grams for weighed goods).', m);
  }
  if (m.kind === 'sale') return -Math.abs(m.quantity);
  if (m.kind === 'refund' || m.kind === 'receive') return Math.abs(m.quantity);
  if (m.kind === 'count' && m.quantity < 0) throw bad('A counted level cannot be negative.', m);
  return m.quantity;
}

function toRow(vendorId: string, m: MovementInput): typeof inventoryMovements.$inferInsert {
  if (m.id !== undefined && !UUID_RE.test(m.id)) throw bad('A stock movement id must be a UUID.', m);
  if (!(m.occurredAt instanceof Date) || Number.isNaN(m.occurredAt.getTime())) throw bad('A stock movement needs a valid time.', m);
  for (const key of ['staffId', 'deviceId'] as const) {
    const v = m[key];
    if (v !== undefined && !UUID_RE.test(v)) throw bad(`${key} must be a UUID.`, m);
  }
  return {
    id: m.id ?? uuidv7(),
    vendorId,
    variantId: m.variantId,
    kind: m.kind,
    quantity: signedQuantity(m),
    occurredAt: m.occurredAt,
    reference: m.reference ?? null,
    note: m.note ?? '',
    staffId: m.staffId ?? null,
    deviceId: m.deviceId ?? null,
  };
}

/**
 * Appends movements to the ledger and brings the cached levels up to date, in one transaction.
 * On-hand = the last count (by occurred_at, then id) + every delta after it. The cached level is kept
 * incrementally: new deltas after the last count are added; when a new count becomes the last count the
 * level is recomputed from it. So a late-arriving delta older than a newer count changes nothing.
 * A sale is never refused for stock: the level may go negative and raises an 'oversold' alert.
 * Variants bridged from a point of sale also get their push to the POS here (bridges/stock.ts), in this transaction.
 */
export async function recordMovements(tx: DbOrTx, vendorId: string, movements: MovementInput[]): Promise<void> {
  if (movements.length === 0) return;
  const byId = new Map<string, typeof inventoryMovements.$inferInsert>();
  for (const m of movements) {
    const row = toRow(vendorId, m);
    if (row.id && !byId.has(row.id)) byId.set(row.id, row);
  }
  const rows = [...byId.values()];
  await inTransaction(tx, async (t) => {
    const locked = await lockLevels(
      t,
      vendorId,
      rows.map((r) => r.variantId),
    );
    const inserted = await t
      .insert(inventoryMovements)
      .values(rows)
      .onConflictDoNothing({ target: inventoryMovements.id })
      .returning({ id: inventoryMovements.id, variantId: inventoryMovements.variantId });
    if (inserted.length === 0) return;
    const levels = await applyToLevels(
      t,
      [...new Set(inserted.map((r) => r.variantId))],
      inserted.map((r) => r.id),
    );
    const changes: LevelChange[] = [];
    for (const { variantId, onHand } of levels) {
      const level = locked.get(variantId);
      if (level) changes.push({ level, before: level.onHand, after: onHand });
    }
    await updateStockAlerts(t, vendorId, changes);
    await refreshInStock(
      t,
      changes.filter((c) => c.before !== c.after).map((c) => c.level.productId),
    );
    // items bridged from a point of sale: the POS is owed each movement, and their level follows its counts
    const insertedIds = new Set(inserted.map((r) => r.id));
    await recordBridgePushes(
      t,
      rows
        .filter((r) => r.id !== undefined && insertedIds.has(r.id))
        .map((r) => ({ id: r.id ?? '', variantId: r.variantId, kind: r.kind, quantity: r.quantity, occurredAt: r.occurredAt, reference: r.reference ?? null })),
    );
    // stock received (or restocked): "tell me when it's back" subscribers of what can be bought again (comeback/)
    await markBackInStock(t, changes.filter((c) => c.after > c.before).map((c) => c.level.variantId));
  });
}

/** The incremental level update described on recordMovements, for rows already locked by lockLevels. */
async function applyToLevels(tx: Tx, variantIds: string[], insertedIds: string[]): Promise<{ variantId: string; onHand: number }[]> {
  const values = sql.join(
    variantIds.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  );
  const ins = uuidList(insertedIds);
  return queryRows(
    tx,
    sql`UPDATE inventory_levels l
        SET updated_at = now(), on_hand = CASE
          WHEN lc.id IN (${ins}) THEN lc.quantity + coalesce((
            SELECT sum(m.quantity) FROM inventory_movements m
            WHERE m.variant_id = l.variant_id AND m.kind <> 'count' AND (m.occurred_at, m.id) > (lc.occurred_at, lc.id)), 0)
          ELSE l.on_hand + coalesce((
            SELECT sum(m.quantity) FROM inventory_movements m
            WHERE m.id IN (${ins}) AND m.variant_id = l.variant_id AND m.kind <> 'count'
              AND (lc.id IS NULL OR (m.occurred_at, m.id) > (lc.occurred_at, lc.id))), 0)
        END
        FROM (
          SELECT t.id AS variant_id, c.id, c.occurred_at, c.quantity
          FROM (VALUES ${values}) AS t(id)
          LEFT JOIN LATERAL (
            SELECT m.id, m.occurred_at, m.quantity FROM inventory_movements m
            WHERE m.variant_id = t.id AND m.kind = 'count'
            ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1
          ) c ON true
        ) lc
        WHERE l.variant_id = lc.variant_id
        RETURNING l.variant_id AS "variantId", l.on_hand AS "onHand"`,
  );
}

/** On-hand computed from the ledger alone (no cache): for audits, repairs and tests. */
export async function ledgerOnHand(db: DbOrTx, vendorId: string, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await queryRows<{ variantId: string; onHand: number }>(
    db,
    sql`SELECT v.id AS "variantId", (coalesce(lc.quantity, 0) + coalesce((
          SELECT sum(m.quantity) FROM inventory_movements m
          WHERE m.variant_id = v.id AND m.kind <> 'count'
            AND (lc.id IS NULL OR (m.occurred_at, m.id) > (lc.occurred_at, lc.id))), 0))::int AS "onHand"
        FROM variants v
        LEFT JOIN LATERAL (
          SELECT m.id, m.occurred_at, m.quantity FROM inventory_movements m
          WHERE m.variant_id = v.id AND m.kind = 'count'
          ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1
        ) lc ON true
        WHERE v.id IN (${uuidList(variantIds)}) AND v.vendor_id = ${vendorId}`,
  );
  return new Map(rows.map((r) => [r.variantId, r.onHand]));
}

export type ReserveResult =
  | { ok: true }
  | { ok: false; shortages: { variantId: string; requested: number; available: number }[] };

/**
 * Holds stock for a web order. Locks the level rows (variant-id order) and reserves only if every
 * stock-tracked item fits in on_hand − reserved; otherwise reserves nothing and reports the shortages.
 * Untracked variants always fit, but are reserved too so a later release is exact.
 */
export async function reserveStock(tx: Tx, vendorId: string, items: { variantId: string; quantity: number }[]): Promise<ReserveResult> {
  const totals = aggregateItems(items);
  if (totals.size === 0) return { ok: true };
  const locked = await lockLevels(tx, vendorId, [...totals.keys()]);
  const shortages: { variantId: string; requested: number; available: number }[] = [];
  for (const [variantId, requested] of totals) {
    const l = locked.get(variantId);
    if (!l || !l.trackStock) continue;
    const available = l.onHand - l.reserved;
    if (requested > available) shortages.push({ variantId, requested, available: Math.max(0, available) });
  }
  if (shortages.length > 0) return { ok: false, shortages };
  await addReserved(tx, totals, 1);
  await refreshInStock(
    tx,
    [...locked.values()].map((l) => l.productId),
  );
  return { ok: true };
}

/** Gives held stock back (order rejected, cancelled or handed over). Never takes reserved below zero. */
export async function releaseStock(tx: Tx, vendorId: string, items: { variantId: string; quantity: number }[]): Promise<void> {
  const totals = aggregateItems(items);
  if (totals.size === 0) return;
  const locked = await lockLevels(tx, vendorId, [...totals.keys()]);
  await addReserved(tx, totals, -1);
  await refreshInStock(
    tx,
    [...locked.values()].map((l) => l.productId),
  );
}

async function addReserved(tx: Tx, totals: Map<string, number>, sign: 1 | -1): Promise<void> {
  const values = sql.join(
    [...totals].map(([id, q]) => sql`(${id}::uuid, ${sign * q}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE inventory_levels l SET reserved = greatest(l.reserved + v.q, 0), updated_at = now()
    FROM (VALUES ${values}) AS v(id, q) WHERE l.variant_id = v.id`);
}

/** Deterministic id of an order's sale movement for a variant, so fulfilling twice records one sale. */
export function fulfilmentMovementId(orderId: string, variantId: string): string {
  const h = createHash('sha256').update(`fulfil:${orderId}:${variantId}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Hands a web order over: releases its reservation and records a 'sale' per variant (reference = order id). */
export async function fulfilReservation(
  tx: Tx,
  vendorId: string,
  orderId: string,
  items: { variantId: string; quantity: number }[],
  occurredAt: Date,
): Promise<void> {
  const totals = aggregateItems(items);
  if (totals.size === 0) return;
  const movements: MovementInput[] = [...totals].map(([variantId, quantity]) => ({
    id: fulfilmentMovementId(orderId, variantId),
    variantId,
    kind: 'sale',
    quantity: -quantity,
    occurredAt,
    reference: orderId,
  }));
  const done = await tx
    .select({ id: inventoryMovements.id })
    .from(inventoryMovements)
    .where(
      inArray(
        inventoryMovements.id,
        movements.map((m) => m.id ?? ''),
      ),
    );
  if (done.length === movements.length) return;
  await releaseStock(tx, vendorId, items);
  await recordMovements(tx, vendorId, movements);
}
