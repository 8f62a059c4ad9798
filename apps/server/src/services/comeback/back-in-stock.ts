import { uuidv7 } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { uuidList } from '../inventory/levels';

export const FANOUT_JOB = 'stock_alert.fanout';
export const fanoutJobKey = (restockId: string, after: string) => `${FANOUT_JOB}:${restockId}:${after}`;

/**
 * Called in the stock transaction for variants whose level went up (a delivery received, a refund restocked, a count,
 * a POS count taken): every armed subscription of those that can be bought again is marked notified, with one
 * restock id, in one set-based statement, and one job is queued to tell them (fan-out in batches, off this
 * transaction). So each subscriber is told once per arming: a second restock or a replayed sync push finds nothing armed.
 */
export async function markBackInStock(tx: Tx, variantIds: readonly string[]): Promise<number> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return 0;
  const restockId = uuidv7();
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`WITH back AS (
          SELECT v.id FROM variants v
          JOIN products p ON p.id = v.product_id
          JOIN vendors s ON s.id = v.vendor_id
          LEFT JOIN inventory_levels l ON l.variant_id = v.id
          WHERE v.id IN (${uuidList(ids)}) AND (NOT v.track_stock OR coalesce(l.on_hand, 0) - coalesce(l.reserved, 0) > 0)
            -- only what the storefront sells: a hidden product or a suspended shop's keeps its subscribers waiting
            AND NOT v.archived AND NOT p.archived AND p.online_visible AND NOT p.moderation_hidden AND s.status = 'approved'
        ), marked AS (
          UPDATE stock_alert_subscriptions s SET notified_at = now(), restock_id = ${restockId}
          FROM back WHERE s.variant_id = back.id AND s.notified_at IS NULL
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM marked`,
  );
  const n = row?.n ?? 0;
  if (n > 0) await enqueue(tx, FANOUT_JOB, fanoutJobKey(restockId, ''), { restockId, after: null });
  return n;
}
