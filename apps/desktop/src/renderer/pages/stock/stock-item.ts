import { posOwnedStockMessage, posProviderName } from '@makeries/shared';
import type { SearchHit } from '../../api/types';

/** A product line on a stock screen: what it is and what the counter thinks is on the shelf. */
export interface StockItem {
  variantId: string;
  name: string;
  variantName: string;
  sku: string;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  /** null when the server never sent a level */
  onHand: number | null;
  /** bridged from a point of sale: its stock is received, counted and adjusted there */
  posProvider: string | null;
}

export function stockItemOf(
  v: Pick<SearchHit, 'variantId' | 'name' | 'variantName' | 'sku' | 'soldBy' | 'trackStock'> & { onHand?: number | null; posProvider?: string | null },
): StockItem {
  return {
    variantId: v.variantId,
    name: v.name,
    variantName: v.variantName === 'Default' ? '' : v.variantName,
    sku: v.sku,
    soldBy: v.soldBy,
    trackStock: v.trackStock,
    onHand: v.onHand ?? null,
    posProvider: v.posProvider ?? null,
  };
}

/** Why this item cannot be received, counted or adjusted here (null when it can): the counter's own words. */
export function stockLockReason(i: Pick<StockItem, 'name' | 'posProvider'>): string | null {
  return i.posProvider ? posOwnedStockMessage(i.name, i.posProvider) : null;
}

/** "Counted in Square", where a bridged item's stock is kept. */
export function countedIn(provider: string): string {
  return `Counted in ${posProviderName(provider)}`;
}

export function itemTitle(i: Pick<StockItem, 'name' | 'variantName'>): string {
  return i.variantName ? `${i.name} · ${i.variantName}` : i.name;
}

/** Stock of weighed goods is kept in grams. */
export function unitOf(i: Pick<StockItem, 'soldBy'>): string {
  return i.soldBy === 'weight' ? 'g' : '';
}

export const ADJUST_REASONS = ['Breakage', 'Waste', 'Theft', 'Correction'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];

/** "Breakage: dropped a tray" — the reason leads, so the movement list reads at a glance. */
export function adjustNote(reason: AdjustReason, detail: string): string {
  const d = detail.trim();
  return d ? `${reason}: ${d}` : reason;
}

/** "Supplier: Hill Farm · invoice 1234" for received stock; empty when nothing was typed. */
export function receiveNote(supplier: string): string {
  const s = supplier.trim();
  return s ? `Supplier: ${s}` : '';
}
