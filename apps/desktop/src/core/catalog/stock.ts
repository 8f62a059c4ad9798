import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';

interface LevelRow {
  variantId: string;
  onHand: number;
}
interface PendingRow {
  variantId: string;
  kind: string;
  quantity: number;
}

// ids travel as one JSON array parameter, so a single prepared statement serves any number of variants
const queries = preparedFor((db) => ({
  levels: db.$client.prepare(
    'SELECT variant_id AS variantId, on_hand AS onHand FROM mirror_stock_levels WHERE variant_id IN (SELECT value FROM json_each(?))',
  ),
  pending: db.$client.prepare(
    `SELECT m.variant_id AS variantId, m.kind AS kind, m.quantity AS quantity
     FROM stock_movements m JOIN outbox o ON o.id = m.outbox_id AND o.status = 'pending'
     WHERE m.variant_id IN (SELECT value FROM json_each(?))
     ORDER BY m.occurred_at, m.id`,
  ),
}));

/**
 * On-hand as staff should see it offline: the server's level plus this counter's movements the server has
 * not acknowledged yet (once it has, the server's level includes them). A pending count resets the level,
 * later deltas apply on top (the ledger rule of DESIGN §3).
 */
export function onHandFor(db: CounterDb, variantIds: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  if (variantIds.length === 0) return result;
  const ids = JSON.stringify([...new Set(variantIds)]);
  const q = queries(db);
  for (const l of q.levels.all(ids) as LevelRow[]) result.set(l.variantId, l.onHand);
  for (const m of q.pending.all(ids) as PendingRow[]) {
    const before = result.get(m.variantId) ?? 0;
    result.set(m.variantId, m.kind === 'count' ? m.quantity : before + m.quantity);
  }
  return result;
}
