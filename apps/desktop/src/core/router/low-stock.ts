import type { CounterCore } from '../index';

export interface LowStockItem {
  variantId: string;
  name: string;
  variantName: string;
  sku: string;
  threshold: number;
  onHand: number;
  /** bridged from a point of sale: its stock is received and counted there */
  posProvider: string | null;
}

/**
 * Tracked variants at or below their low-stock threshold, as staff see stock offline: the server's level
 * plus this counter's unsynced movements (core onHand). Candidates are the ones the server already reports
 * low, plus any with a pending local movement, so a 50k catalog is not recomputed variant by variant.
 */
export function lowStock(core: CounterCore, limit: number): LowStockItem[] {
  const candidates = core.ctx.sqlite
    .prepare(
      `SELECT v.id AS variantId, coalesce(p.name, v.sku) AS name, v.name AS variantName, v.sku AS sku,
              v.low_stock_threshold AS threshold, p.pos_provider AS posProvider
       FROM mirror_variants v
       LEFT JOIN mirror_products p ON p.id = v.product_id
       LEFT JOIN mirror_stock_levels l ON l.variant_id = v.id
       WHERE v.archived = 0 AND coalesce(p.archived, 0) = 0 AND v.track_stock = 1 AND v.low_stock_threshold > 0
         AND (coalesce(l.on_hand, 0) <= v.low_stock_threshold
              OR EXISTS (SELECT 1 FROM stock_movements m JOIN outbox o ON o.id = m.outbox_id AND o.status = 'pending'
                         WHERE m.variant_id = v.id))`,
    )
    .all() as Omit<LowStockItem, 'onHand'>[];
  const onHand = core.inventory.onHand(candidates.map((c) => c.variantId));
  return candidates
    .map((c) => ({ ...c, variantName: c.variantName === 'Default' ? '' : c.variantName, onHand: onHand.get(c.variantId) ?? 0 }))
    .filter((c) => c.onHand <= c.threshold)
    .sort((a, b) => a.onHand - a.threshold - (b.onHand - b.threshold) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
