import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client';
import type { Env } from '../../env';
import { enqueue } from '../../jobs/queue';
import { callPos, connectionById } from './connections';
import { applyObservations } from './observe';
import { PUSH_JOB, pushJobKey, recomputeBridgedLevels } from './stock';
import { logSync } from './sync-log';
import type { ExtOrderStatus } from './types';

/**
 * The stock of a web order shown in the POS. Handing it over in Makeries writes its sale movements, which become
 * `order_line` pushes (bridges/stock.ts): owed to the stock rule but never sent as adjustments, because Square takes
 * the stock itself when the order is COMPLETED. So:
 * - Square completed it → the lines are acknowledged with a fresh count read from Square in the same transaction
 *   (the count already holds the decrement, so the level is exact and never shows more than Square has);
 * - Square cancelled it, or it never reached Square for good → the lines become ordinary `stock_delta` pushes and
 *   are sent as adjustments, so Square's stock still drops by what the customer took.
 */

interface OpenLine {
  id: string;
  variantId: string;
  extId: string | null;
}

async function openLines(db: Db | Tx, connectionId: string, orderId: string): Promise<OpenLine[]> {
  return queryRows<OpenLine>(
    db,
    sql`SELECT p.id, p.variant_id AS "variantId", m.ext_id AS "extId"
        FROM pos_pushes p
        JOIN inventory_movements mv ON mv.id = p.local_ref AND mv.reference = ${orderId}
        LEFT JOIN pos_entity_map m ON m.connection_id = p.connection_id AND m.entity = 'variant' AND m.local_id = p.variant_id
        WHERE p.connection_id = ${connectionId} AND p.kind = 'order_line' AND p.state IN ('pending', 'sent')`,
  );
}

async function settleOrderPush(tx: Tx, connectionId: string, orderId: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE pos_pushes SET state = 'acknowledged', ext_observed_at = ${now.toISOString()}::timestamptz, last_error = NULL, updated_at = now()
    WHERE connection_id = ${connectionId} AND kind = 'order' AND local_ref = ${orderId} AND state = 'sent'`);
}

/** The order's open `order_line` pushes become adjustments (queued in the caller's transaction); returns how many. */
export async function orderLinesAsAdjustments(tx: Tx, connectionId: string, orderId: string): Promise<number> {
  const lines = await openLines(tx, connectionId, orderId);
  if (lines.length === 0) return 0;
  await tx.execute(sql`UPDATE pos_pushes SET kind = 'stock_delta', state = 'pending', updated_at = now()
    WHERE id IN (${sql.join(
      lines.map((l) => sql`${l.id}::uuid`),
      sql`, `,
    )})`);
  for (const l of lines) await enqueue(tx, PUSH_JOB, pushJobKey(l.id), { pushId: l.id, connectionId });
  await recomputeBridgedLevels(
    tx,
    lines.map((l) => l.variantId),
  );
  return lines.length;
}

/**
 * Square says the pushed order is finished: its stock is settled as above and the order push is done. Safe to run
 * again (nothing open is left the second time).
 */
export async function settleOrderStock(db: Db, env: Env, connectionId: string, orderId: string, status: Extract<ExtOrderStatus, 'collected' | 'cancelled'>, now: Date): Promise<string> {
  const conn = await connectionById(db, connectionId);
  if (!conn) return 'connection gone';
  const lines = await openLines(db, connectionId, orderId);
  if (status === 'cancelled') {
    return db.transaction(async (tx) => {
      const n = await orderLinesAsAdjustments(tx, connectionId, orderId);
      await settleOrderPush(tx, connectionId, orderId, now);
      if (n > 0) await logSync(tx, connectionId, 'warn', `An order cancelled in {pos} was handed over here: its ${String(n)} item line(s) are sent to {pos} as stock changes.`);
      return n > 0 ? `${String(n)} lines sent as adjustments` : 'cancelled';
    });
  }
  const extIds = [...new Set(lines.flatMap((l) => (l.extId ? [l.extId] : [])))];
  const counts = extIds.length === 0 ? [] : await callPos(db, env, connectionId, (c, connector) => connector.stock(c, extIds), now);
  return db.transaction(async (tx) => {
    if (counts.length > 0) await applyObservations(tx, { connectionId, vendorId: conn.vendorId, locationExtId: conn.locationExtId }, counts);
    if (lines.length > 0) {
      await tx.execute(sql`UPDATE pos_pushes SET state = 'acknowledged', ext_observed_at = ${now.toISOString()}::timestamptz, last_error = NULL, updated_at = now()
        WHERE id IN (${sql.join(
          lines.map((l) => sql`${l.id}::uuid`),
          sql`, `,
        )}) AND state IN ('pending', 'sent')`);
      await recomputeBridgedLevels(
        tx,
        lines.map((l) => l.variantId),
      );
    }
    await settleOrderPush(tx, connectionId, orderId, now);
    return `${String(lines.length)} lines acknowledged`;
  });
}
