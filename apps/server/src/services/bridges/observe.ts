import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client';
import { inTransaction, lockLevels } from '../inventory/levels';
import { recomputeBridgedLevels } from './stock';
import type { StockObservation } from './types';

export interface ObserveTarget {
  connectionId: string;
  vendorId: string;
  locationExtId: string | null;
}

/** Keeps the newest observation per variant of a batch (a webhook may carry several counts of one item); the lower of two at one instant. */
function newestPerVariant(obs: readonly StockObservation[], location: string | null): StockObservation[] {
  const best = new Map<string, StockObservation>();
  for (const o of obs) {
    if (location !== null && o.locationExtId !== location) continue;
    if (Number.isNaN(Date.parse(o.observedAt))) continue;
    const seen = best.get(o.variantExtId);
    const at = Date.parse(o.observedAt);
    const seenAt = seen ? Date.parse(seen.observedAt) : -Infinity;
    // at one instant the lower count wins, as in takeCounts
    const lower = seen !== undefined && at === seenAt && o.quantity !== null && seen.quantity !== null && o.quantity < seen.quantity;
    if (!seen || at > seenAt || lower) best.set(o.variantExtId, o);
  }
  return [...best.values()];
}

/**
 * Takes POS counts (webhook, poll or a push's answer) under the monotonic guard: a count is kept only if the POS's
 * own time of it is later than the one kept (or, at the same instant, lower). Locks the level rows first, like every ledger writer. Returns how many
 * counts were taken (the others were stale or repeated, or of items we do not bridge).
 */
export async function applyObservations(db: DbOrTx, target: ObserveTarget, obs: readonly StockObservation[]): Promise<number> {
  const fresh = newestPerVariant(obs, target.locationExtId);
  if (fresh.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    const values = sql.join(
      fresh.map((o) => sql`(${o.variantExtId}, ${o.quantity}::int, ${o.observedAt}::timestamptz)`),
      sql`, `,
    );
    const mapped = await queryRows<{ variantId: string; quantity: number | null; observedAt: string }>(
      tx,
      sql`SELECT m.local_id AS "variantId", o.q AS quantity, o.at AS "observedAt"
          FROM (VALUES ${values}) AS o(ext_id, q, at)
          JOIN pos_entity_map m ON m.connection_id = ${target.connectionId} AND m.entity = 'variant' AND m.ext_id = o.ext_id`,
    );
    if (mapped.length === 0) return 0;
    await lockLevels(
      tx,
      target.vendorId,
      mapped.map((m) => m.variantId),
    );
    return takeCounts(tx, target.connectionId, mapped);
  });
}

async function takeCounts(tx: Tx, connectionId: string, rows: { variantId: string; quantity: number | null; observedAt: string }[]): Promise<number> {
  const values = sql.join(
    rows.map((r) => sql`(${connectionId}::uuid, ${r.variantId}::uuid, ${r.quantity}::int, ${r.observedAt}::timestamptz)`),
    sql`, `,
  );
  const taken = await queryRows<{ variantId: string }>(
    tx,
    sql`INSERT INTO pos_stock_state (connection_id, variant_id, ext_quantity, observed_at)
        SELECT * FROM (VALUES ${values}) AS v(connection_id, variant_id, ext_quantity, observed_at)
        ON CONFLICT (connection_id, variant_id) DO UPDATE
          SET ext_quantity = EXCLUDED.ext_quantity, observed_at = EXCLUDED.observed_at, updated_at = now()
          WHERE pos_stock_state.observed_at < EXCLUDED.observed_at
             -- two counts stamped the same instant (Shopify stamps whole seconds): either may be the later one, so
             -- the lower is kept — the rule errs toward showing less than the POS has, never more
             OR (pos_stock_state.observed_at = EXCLUDED.observed_at AND EXCLUDED.ext_quantity < pos_stock_state.ext_quantity)
        RETURNING variant_id AS "variantId"`,
  );
  await recomputeBridgedLevels(
    tx,
    taken.map((t) => t.variantId),
  );
  return taken.length;
}
