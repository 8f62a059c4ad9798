import { uuidv7 } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { markBackInStock } from '../comeback/back-in-stock';
import { refreshInStock, uuidList } from '../inventory/levels';

/**
 * The stock rule of bridged variants (POS-BRIDGES.md §6), which makes our own echoes harmless:
 *
 *   on_hand = the POS's last observed count + Σ(our stock deltas the POS has not acknowledged yet)
 *
 * A sale at the counter or a handed-over web order writes its ledger movement and, in the same transaction, a
 * `pos_pushes` row (recordBridgePushes); the push job sends it and acknowledges it with the count the POS answered.
 * A count (webhook, poll or push answer) is taken only if the POS's own time of it is later than the last one
 * taken, so replays and stale deliveries change nothing. Until a push is acknowledged, a count that may already
 * include it makes us show one less — never more than the POS has.
 */

export const PUSH_JOB = 'pos.push';
export const pushJobKey = (pushId: string) => `pos.push:${pushId}`;

export interface MovedRow {
  id: string;
  variantId: string;
  kind: string;
  quantity: number;
  occurredAt: Date;
  reference: string | null;
}

interface BridgedVariant {
  variantId: string;
  connectionId: string;
  status: string;
}

/** Bridged variants the POS counts (one it does not track gets no adjustments: sending one would start tracking it). */
async function bridged(tx: Tx, variantIds: readonly string[]): Promise<Map<string, BridgedVariant>> {
  if (variantIds.length === 0) return new Map();
  const rows = await queryRows<BridgedVariant>(
    tx,
    sql`SELECT m.local_id AS "variantId", c.id AS "connectionId", c.status
        FROM pos_entity_map m JOIN pos_connections c ON c.id = m.connection_id JOIN variants v ON v.id = m.local_id
        WHERE m.entity = 'variant' AND m.local_id IN (${uuidList([...new Set(variantIds)])}) AND c.status <> 'revoked'
          AND v.track_stock`,
  );
  return new Map(rows.map((r) => [r.variantId, r]));
}

/**
 * Web orders created as orders in the POS: their stock moves when the POS completes them, not by adjustment (one the
 * POS refused for good is not shown there, so its stock goes by adjustment). `taken`: the POS took the order's stock
 * when it created it and its counts were read after that (order-push.ts takeCountsAfterCreate), so the sale is in
 * the POS's count already.
 */
async function ordersShownInPos(tx: Tx, refs: readonly string[]): Promise<Map<string, { taken: boolean }>> {
  const ids = [...new Set(refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r)))];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ ref: string; taken: boolean }>(
    tx,
    sql`SELECT local_ref::text AS ref, (state = 'sent' AND ext_ref IS NOT NULL AND ext_observed_at IS NOT NULL) AS taken
        FROM pos_pushes WHERE kind = 'order' AND state NOT IN ('skipped', 'failed') AND local_ref IN (${uuidList(ids)})`,
  );
  return new Map(rows.map((r) => [r.ref, { taken: r.taken }]));
}

/**
 * For every new movement of a bridged variant: the push the POS is owed (one per movement, keyed by the movement
 * id, so a replayed movement owes nothing more), queued in the caller's transaction. Then the level follows the rule.
 */
export async function recordBridgePushes(tx: Tx, moved: readonly MovedRow[]): Promise<void> {
  const deltas = moved.filter((m) => m.kind !== 'count' && m.quantity !== 0);
  const map = await bridged(
    tx,
    moved.map((m) => m.variantId),
  );
  if (map.size === 0) return;
  const shown = await ordersShownInPos(
    tx,
    deltas.map((m) => m.reference ?? ''),
  );
  for (const m of deltas) {
    const b = map.get(m.variantId);
    if (!b) continue;
    const order = m.reference === null ? undefined : shown.get(m.reference);
    const asOrderLine = order !== undefined;
    // the POS's count already holds this sale: owed nothing, and not counted a second time by the rule
    const settled = order?.taken === true;
    const id = uuidv7();
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`
      INSERT INTO pos_pushes (id, connection_id, kind, local_ref, variant_id, quantity, idempotency_key, state, occurred_at, ext_observed_at)
      VALUES (${id}, ${b.connectionId}, ${asOrderLine ? 'order_line' : 'stock_delta'}, ${m.id}, ${m.variantId}, ${m.quantity},
              ${`mk-mv-${m.id}`}, ${settled ? 'acknowledged' : 'pending'}, ${m.occurredAt.toISOString()}, ${settled ? m.occurredAt.toISOString() : null})
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    );
    if (!asOrderLine && rows.length > 0) await enqueue(tx, PUSH_JOB, pushJobKey(id), { pushId: id, connectionId: b.connectionId });
  }
  await recomputeBridgedLevels(tx, [...map.keys()]);
}

/** Applies the rule to the cached levels of these variants (those with a POS count); returns the products changed. */
export async function recomputeBridgedLevels(tx: Tx, variantIds: readonly string[]): Promise<void> {
  if (variantIds.length === 0) return;
  const changed = await queryRows<{ productId: string; variantId: string }>(
    tx,
    sql`UPDATE inventory_levels l SET on_hand = s.target, updated_at = now()
        FROM (
          SELECT st.variant_id, v.product_id, (st.ext_quantity + coalesce((
            SELECT sum(p.quantity) FROM pos_pushes p
            WHERE p.variant_id = st.variant_id AND p.connection_id = st.connection_id AND p.state IN ('pending', 'sent')), 0))::int AS target
          FROM pos_stock_state st JOIN variants v ON v.id = st.variant_id
          WHERE st.variant_id IN (${uuidList([...new Set(variantIds)])}) AND st.ext_quantity IS NOT NULL
        ) s
        WHERE l.variant_id = s.variant_id AND l.on_hand IS DISTINCT FROM s.target
        RETURNING s.product_id AS "productId", s.variant_id AS "variantId"`,
  );
  await refreshInStock(
    tx,
    changed.map((c) => c.productId),
  );
  // a POS count that brings a variant back tells its "tell me when it's back" subscribers (comeback/)
  await markBackInStock(
    tx,
    changed.map((c) => c.variantId),
  );
}
