import { uuidv7, type StockAlertKind } from '@makeries/shared';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { stockAlerts } from '../../db/schema/index';
import type { LockedLevel } from './levels';

export interface LevelChange {
  level: LockedLevel;
  before: number;
  after: number;
}

function label(l: LockedLevel): string {
  return l.variantName === 'Default' ? l.productName : `${l.productName} (${l.variantName})`;
}

function wants(c: LevelChange): { raise: StockAlertKind[]; resolve: StockAlertKind[] } {
  const t = c.level.lowStockThreshold;
  const raise: StockAlertKind[] = [];
  const resolve: StockAlertKind[] = [];
  if (c.after < 0) raise.push('oversold');
  else if (c.before < 0) resolve.push('oversold');
  if (c.before > t && c.after <= t) raise.push('low_stock');
  else if (c.before <= t && c.after > t) resolve.push('low_stock');
  return { raise, resolve };
}

function message(kind: StockAlertKind, c: LevelChange): string {
  if (kind === 'oversold') return `${label(c.level)} is oversold: ${c.after} on hand. Count or receive stock to correct it.`;
  return `${label(c.level)} is low on stock: ${c.after} left (alert level ${c.level.lowStockThreshold}).`;
}

/**
 * Raises an 'oversold' alert while on-hand is negative and a 'low_stock' alert when on-hand falls to the
 * threshold, unless one of that kind is still open; resolves open alerts when the level recovers.
 * Untracked variants never alert. Most movements change nothing here and cost no query.
 */
export async function updateStockAlerts(tx: Tx, vendorId: string, changes: readonly LevelChange[]): Promise<void> {
  const raises: { kind: StockAlertKind; change: LevelChange }[] = [];
  const resolves: { kind: StockAlertKind; variantId: string }[] = [];
  for (const c of changes) {
    if (!c.level.trackStock || c.before === c.after) continue;
    const w = wants(c);
    for (const kind of w.raise) raises.push({ kind, change: c });
    for (const kind of w.resolve) resolves.push({ kind, variantId: c.level.variantId });
  }
  if (resolves.length > 0) {
    await tx
      .update(stockAlerts)
      .set({ resolvedAt: sql`now()` })
      .where(
        and(
          eq(stockAlerts.vendorId, vendorId),
          isNull(stockAlerts.resolvedAt),
          or(...resolves.map((r) => and(eq(stockAlerts.variantId, r.variantId), eq(stockAlerts.kind, r.kind)))),
        ),
      );
  }
  if (raises.length === 0) return;
  const open = await tx
    .select({ variantId: stockAlerts.variantId, kind: stockAlerts.kind })
    .from(stockAlerts)
    .where(
      and(
        eq(stockAlerts.vendorId, vendorId),
        isNull(stockAlerts.resolvedAt),
        inArray(
          stockAlerts.variantId,
          raises.map((r) => r.change.level.variantId),
        ),
      ),
    );
  const isOpen = new Set(open.map((o) => `${o.variantId}:${o.kind}`));
  const rows = raises
    .filter((r) => !isOpen.has(`${r.change.level.variantId}:${r.kind}`))
    .map((r) => ({
      id: uuidv7(),
      vendorId,
      variantId: r.change.level.variantId,
      kind: r.kind,
      onHand: r.change.after,
      message: message(r.kind, r.change),
    }));
  if (rows.length > 0) await tx.insert(stockAlerts).values(rows);
}
