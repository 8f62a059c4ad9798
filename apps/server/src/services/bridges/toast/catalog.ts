import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PosError, type CatalogPage, type ExtProduct, type ExtTax } from '../types';
import type { ToastApi } from './client';
import { imagesOf, indexMenu, inventorySchema, mlidOfProduct, productOf, taxRateSchema, taxesOf, type MenuIndex } from './mapping';

export const PAGE_SIZE = 200;

/**
 * Toast menus are one document per restaurant (no paging, no incremental API, `GET /menus` 1 request a second). It is
 * read only when `GET /menus/v2/metadata` says `lastUpdated` moved, and kept per restaurant in this process (also
 * what orders use to find an item's current guid and group).
 */
const menus = new Map<string, MenuIndex>();

export async function currentMenu(api: ToastApi, base: string, restaurant: string): Promise<MenuIndex> {
  const meta = await api.call<{ lastUpdated?: unknown } | null>({ method: 'GET', path: '/menus/v2/metadata', restaurant });
  const lastUpdated = typeof meta.data?.lastUpdated === 'string' ? meta.data.lastUpdated : '';
  const key = `${base}|${restaurant}`;
  const cached = menus.get(key);
  if (cached && lastUpdated !== '' && cached.lastUpdated === lastUpdated) return cached;
  const r = await api.call<unknown>({ method: 'GET', path: '/menus/v2/menus', restaurant });
  let index: MenuIndex;
  try {
    index = indexMenu(r.data);
  } catch {
    throw new PosError('transient', 'Toast sent a menu that could not be read.');
  }
  if (lastUpdated !== '') index.lastUpdated = lastUpdated;
  menus.set(key, index);
  return index;
}

/** Items Toast counts now (QUANTITY or OUT_OF_STOCK: `GET /inventory` lists only those); without `stock:read`, none. */
async function trackedItems(api: ToastApi, restaurant: string): Promise<Set<string>> {
  try {
    const r = await api.call<unknown>({ method: 'GET', path: '/stock/v1/inventory', restaurant });
    const list = z.array(inventorySchema).safeParse(r.data);
    return new Set((list.success ? list.data : []).flatMap((i) => (i.multiLocationId && i.status !== 'IN_STOCK' ? [i.multiLocationId] : [])));
  } catch (e) {
    if (e instanceof PosError && e.kind === 'auth') return new Set();
    throw e;
  }
}

/**
 * Tax rates from Toast's configuration API (`GET /config/v2/taxRates`, scope `config:read`; not in the reference
 * digest — field names `guid, name, rate (percent), type` as Toast documents them). Without access the items come
 * without rates (untaxed here), which the sync log cannot tell apart: a known gap.
 */
async function taxRates(api: ToastApi, restaurant: string): Promise<ExtTax[]> {
  try {
    const r = await api.call<unknown>({ method: 'GET', path: '/config/v2/taxRates', restaurant });
    const list = z.array(taxRateSchema).safeParse(r.data);
    return list.success ? taxesOf(list.data) : [];
  } catch (e) {
    if (e instanceof PosError && (e.kind === 'auth' || e.kind === 'rejected')) return [];
    throw e;
  }
}

/** `menu:<offset>:<lastUpdated>` — a resumed import whose menu was republished meanwhile starts over. */
function parseCursor(cursor: string | null, prefix: string): { offset: number; stamp: string } | null {
  if (!cursor?.startsWith(`${prefix}:`)) return null;
  const rest = cursor.slice(prefix.length + 1);
  const i = rest.indexOf(':');
  const offset = Number(rest.slice(0, i));
  return i > 0 && Number.isSafeInteger(offset) && offset >= 0 ? { offset, stamp: rest.slice(i + 1) } : null;
}

async function page(api: ToastApi, restaurant: string, menu: MenuIndex, offset: number, next: (offset: number) => string): Promise<CatalogPage> {
  const slice = menu.items.slice(offset, offset + PAGE_SIZE);
  const tracked = await trackedItems(api, restaurant);
  return {
    products: slice.map((e) => productOf(e, menu.lastUpdated, tracked.has(e.mlid))),
    taxes: offset === 0 ? await taxRates(api, restaurant) : [],
    categories: menu.categories,
    images: imagesOf(slice),
    deleted: [],
    next: offset + PAGE_SIZE < menu.items.length ? next(offset + PAGE_SIZE) : null,
  };
}

export async function menuPage(api: ToastApi, base: string, restaurant: string, cursor: string | null): Promise<CatalogPage> {
  const menu = await currentMenu(api, base, restaurant);
  const at = parseCursor(cursor, 'menu');
  const offset = at && at.stamp === menu.lastUpdated ? at.offset : 0;
  return page(api, restaurant, menu, offset, (o) => `menu:${String(o)}:${menu.lastUpdated}`);
}

/**
 * What changed since the last run. Toast has no change feed, so the stamp `<lastUpdated>|<hash of the counted
 * items>` stands for the state last taken: when it is the same, nothing changed; otherwise every item is returned
 * (the engine's version guard skips the unchanged ones; the stock-mode part makes an item that starts or stops
 * being counted reach the catalog). Toast has no tombstones either: `deleted` stays empty and the pages say
 * `complete` (they are the whole live menu), so the engine archives mapped items the menu no longer lists.
 */
export async function menuSince(api: ToastApi, base: string, restaurant: string, since: string, cursor: string | null): Promise<CatalogPage & { latest: string | null; complete?: boolean }> {
  const menu = await currentMenu(api, base, restaurant);
  const tracked = await trackedItems(api, restaurant);
  const stamp = `${menu.lastUpdated}|${createHash('sha256').update([...tracked].sort().join(',')).digest('hex').slice(0, 16)}`;
  const at = parseCursor(cursor, 'since');
  if (!at && since === stamp) return { products: [], taxes: [], categories: [], images: [], deleted: [], next: null, latest: stamp };
  const offset = at && at.stamp === stamp ? at.offset : 0;
  const p = await page(api, restaurant, menu, offset, (o) => `since:${String(o)}:${stamp}`);
  return { ...p, latest: stamp, complete: true };
}

/** Products by ext id (`item:<multiLocationId>`, or the variant's multiLocationId) from the current menu. */
export async function productsById(api: ToastApi, base: string, restaurant: string, extIds: readonly string[]): Promise<ExtProduct[]> {
  if (extIds.length === 0) return [];
  const menu = await currentMenu(api, base, restaurant);
  const tracked = await trackedItems(api, restaurant);
  const wanted = new Set(extIds.map(mlidOfProduct));
  return menu.items.filter((e) => wanted.has(e.mlid)).map((e) => productOf(e, menu.lastUpdated, tracked.has(e.mlid)));
}
