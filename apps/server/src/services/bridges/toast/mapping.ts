import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ExtCategory, ExtImage, ExtProduct, ExtTax, StockObservation } from '../types';

/**
 * Toast's menus (v2) and stock in the engine's shapes. Ids: a MenuItem's `multiLocationId` is stable across menu
 * versions (its `guid` changes when the menu is republished), so the VARIANT ext id is the multiLocationId itself
 * (what stock reads and stock webhooks carry) and the PRODUCT ext id is `item:<multiLocationId>`; categories are
 * `group:<top group multiLocationId>`, images `img:<multiLocationId>`. Tax ext ids are Toast tax-rate guids, with
 * `:incl` for items whose price includes the tax (Toast decides inclusion per item, the engine per tax).
 */

const id = z.union([z.string(), z.number()]).transform(String);

const itemSchema = z.object({
  guid: z.string(),
  multiLocationId: id.nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  image: z.string().nullish(),
  price: z.number().nullish(),
  taxInfo: z.array(z.string()).nullish(),
  taxInclusion: z.string().nullish(),
  sku: z.string().nullish(),
  plu: z.string().nullish(),
  modifierGroupReferences: z.array(id).nullish(),
});
type MenuItemWire = z.infer<typeof itemSchema>;

interface MenuGroupWire {
  guid: string;
  multiLocationId?: string | null;
  name?: string | null;
  menuGroups?: MenuGroupWire[] | null;
  menuItems?: MenuItemWire[] | null;
}

const groupSchema: z.ZodType<MenuGroupWire> = z.lazy(() =>
  z.object({
    guid: z.string(),
    multiLocationId: id.nullish(),
    name: z.string().nullish(),
    menuGroups: z.array(groupSchema).nullish(),
    menuItems: z.array(itemSchema).nullish(),
  }),
);

const modifierGroupSchema = z.object({
  guid: z.string().nullish(),
  name: z.string().nullish(),
  requiredMode: z.string().nullish(),
  minSelections: z.number().nullish(),
});

const restaurantMenusSchema = z.object({
  restaurantGuid: z.string().nullish(),
  lastUpdated: z.string().nullish(),
  menus: z.array(z.object({ guid: z.string(), name: z.string().nullish(), menuGroups: z.array(groupSchema).nullish() })).nullish(),
  modifierGroupReferences: z.record(z.string(), modifierGroupSchema).nullish(),
});

export const inventorySchema = z.object({
  guid: z.string().nullish(),
  multiLocationId: id.nullish(),
  status: z.string().nullish(),
  quantity: z.number().nullish(),
  itemGuidValidity: z.string().nullish(),
});
export type InventoryWire = z.infer<typeof inventorySchema>;

export const taxRateSchema = z.object({ guid: z.string(), name: z.string().nullish(), rate: z.number().nullish(), type: z.string().nullish() });

/** One menu item as we sell it, with what ordering it needs later (its guid and its group's guid of this menu version). */
export interface IndexedItem {
  item: MenuItemWire;
  mlid: string;
  groupGuid: string;
  categoryExtId: string;
  inStoreOnly: boolean;
}

export interface MenuIndex {
  lastUpdated: string;
  items: IndexedItem[];
  byMlid: Map<string, IndexedItem>;
  categories: ExtCategory[];
}

/** Toast money is a JSON number of dollars: to cents without float drift (19.99 * 100 = 1998.9999…). */
export function toCents(dollars: number | null | undefined): number | null {
  if (dollars === null || dollars === undefined || !Number.isFinite(dollars)) return null;
  return Math.round(Number(dollars.toFixed(3)) * 100);
}

export function toDollars(cents: number): number {
  return Math.round(cents) / 100;
}

/** Toast writes `2026-11-21T08:59:30.000+0000`; the engine wants ISO. */
export function isoOf(toastTime: string | null | undefined, fallback: string): string {
  const t = Date.parse(toastTime ?? '');
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

/**
 * The published menu flattened: every item once (by multiLocationId; the first group that lists it is the one we
 * order it from), in menu order, with its top menu group as category. Items with a REQUIRED modifier group (or a
 * minimum selection) cannot be ordered without a choice made at the till: in-store only.
 */
export function indexMenu(raw: unknown): MenuIndex {
  const menu = restaurantMenusSchema.parse(raw);
  const required = new Set<string>();
  for (const [ref, g] of Object.entries(menu.modifierGroupReferences ?? {})) {
    if (g.requiredMode === 'REQUIRED' || (g.minSelections ?? 0) > 0) required.add(ref);
  }
  const byMlid = new Map<string, IndexedItem>();
  const items: IndexedItem[] = [];
  const categories = new Map<string, ExtCategory>();
  const walk = (group: MenuGroupWire, category: ExtCategory) => {
    for (const item of group.menuItems ?? []) {
      const mlid = item.multiLocationId ?? item.guid;
      if (byMlid.has(mlid)) continue;
      const inStoreOnly = (item.modifierGroupReferences ?? []).some((r) => required.has(r));
      const entry: IndexedItem = { item, mlid, groupGuid: group.guid, categoryExtId: category.extId, inStoreOnly };
      byMlid.set(mlid, entry);
      items.push(entry);
    }
    for (const child of group.menuGroups ?? []) walk(child, category);
  };
  for (const m of menu.menus ?? []) {
    for (const top of m.menuGroups ?? []) {
      const category = { extId: `group:${top.multiLocationId ?? top.guid}`, name: top.name?.trim() || m.name?.trim() || 'Menu' };
      if (!categories.has(category.extId)) categories.set(category.extId, category);
      walk(top, category);
    }
  }
  return { lastUpdated: menu.lastUpdated ?? '', items, byMlid, categories: [...categories.values()] };
}

/** Toast tax rates (config API): each twice, added on top and included in the price; only percentages are usable. */
export function taxesOf(rates: readonly z.infer<typeof taxRateSchema>[]): ExtTax[] {
  return rates.flatMap((r) => {
    if ((r.type ?? 'PERCENT') !== 'PERCENT' || r.rate === null || r.rate === undefined || !Number.isFinite(r.rate)) return [];
    const base = { name: r.name?.trim() || 'Tax', rateBps: Math.round(Number(r.rate.toFixed(4)) * 100), enabled: true };
    return [
      { ...base, extId: r.guid, inclusive: false },
      { ...base, extId: `${r.guid}:incl`, inclusive: true },
    ];
  });
}

const productExtId = (mlid: string) => `item:${mlid}`;
export const mlidOfProduct = (extId: string) => (extId.startsWith('item:') ? extId.slice(5) : extId);

/**
 * One MenuItem = one product with one variant. `tracked`: Toast counts it (QUANTITY or OUT_OF_STOCK now); an item
 * IN_STOCK is simply available. The version is a hash of everything mapped (Toast items have no version of their
 * own): the engine's guard then skips unchanged items and applies changed ones.
 */
export function productOf(e: IndexedItem, lastUpdated: string, tracked: boolean): ExtProduct {
  const it = e.item;
  const inclusive = it.taxInclusion === 'TAX_INCLUDED';
  const p: ExtProduct = {
    extId: productExtId(e.mlid),
    version: '',
    updatedAt: isoOf(lastUpdated, new Date(0).toISOString()),
    name: it.name?.trim() || 'Unnamed item',
    description: it.description?.trim() ?? '',
    categoryExtId: e.categoryExtId,
    taxExtIds: (it.taxInfo ?? []).map((t) => (inclusive ? `${t}:incl` : t)),
    imageExtIds: it.image ? [`img:${e.mlid}`] : [],
    archived: false,
    variants: [
      {
        extId: e.mlid,
        version: '',
        name: 'Default',
        sku: it.sku?.trim() || null,
        barcode: it.plu?.trim() || null,
        priceCents: toCents(it.price),
        currency: null,
        tracked,
        archived: false,
      },
    ],
    editUrl: null,
    ...(e.inStoreOnly ? { inStoreOnly: true } : {}),
  };
  // the hash covers the item guid too: a republished menu gives new guids, which ordering needs
  const version = `h:${createHash('sha256')
    .update(JSON.stringify([p, it.guid, it.image ?? null]))
    .digest('hex')
    .slice(0, 24)}`;
  p.version = version;
  for (const v of p.variants) v.version = version;
  return p;
}

export function imagesOf(items: readonly IndexedItem[]): ExtImage[] {
  return items.flatMap((e) => (e.item.image ? [{ extId: `img:${e.mlid}`, url: e.item.image }] : []));
}

/** IN_STOCK → null (available, not counted), QUANTITY → its count, OUT_OF_STOCK → 0. */
export function quantityOfStatus(status: string | null | undefined, quantity: number | null | undefined): number | null | undefined {
  if (status === 'IN_STOCK') return null;
  if (status === 'OUT_OF_STOCK') return 0;
  if (status === 'QUANTITY') return Math.max(0, Math.floor(quantity ?? 0));
  return undefined;
}

export function observationOf(inv: InventoryWire, restaurant: string, observedAt: string): StockObservation | null {
  if (!inv.multiLocationId || inv.itemGuidValidity === 'INVALID') return null;
  const quantity = quantityOfStatus(inv.status, inv.quantity);
  if (quantity === undefined) return null;
  return { variantExtId: inv.multiLocationId, locationExtId: restaurant, quantity, observedAt };
}
