import type { Square } from 'square';
import type { CatalogPage, ExtDeleted, ExtProduct, ExtVariant, StockObservation } from '../types';

/** Square's money and versions are bigint (SDK 46): converted here, refused when they do not fit a safe integer. */
export function safeNumber(value: bigint | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** "7.5" → 750 basis points; null when it is not a plain percentage. */
export function percentToBps(percentage: string | null | undefined): number | null {
  if (!percentage || !/^\d{1,3}(\.\d{1,4})?$/.test(percentage.trim())) return null;
  const [whole = '0', frac = ''] = percentage.trim().split('.');
  const bps = Number(whole) * 100 + Number((frac + '0000').slice(0, 4)) / 100;
  return Number.isInteger(bps) ? bps : Math.round(bps);
}

/** Square quantities are decimal strings ("3", "2.5"); stock counts here are whole items. */
export function quantityOf(q: string | null | undefined): number | null {
  if (q === null || q === undefined || q === '') return null;
  const n = Number(q);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

type Obj = Square.CatalogObject;

function presentAt(o: { presentAtAllLocations?: boolean; presentAtLocationIds?: string[]; absentAtLocationIds?: string[] }, location: string | null): boolean {
  if (!location) return true;
  if (o.presentAtAllLocations === false) return (o.presentAtLocationIds ?? []).includes(location);
  return !(o.absentAtLocationIds ?? []).includes(location);
}

function variantOf(v: Obj, location: string | null): ExtVariant | null {
  if (v.type !== 'ITEM_VARIATION') return null;
  const d = v.itemVariationData ?? {};
  const override = (d.locationOverrides ?? []).find((o) => o.locationId === location);
  const money = override?.priceMoney ?? d.priceMoney;
  const variable = d.pricingType === 'VARIABLE_PRICING' || !money;
  return {
    extId: v.id,
    version: String(v.version ?? 0),
    name: d.name?.trim() || 'Default',
    sku: d.sku?.trim() || null,
    barcode: d.upc?.trim() || null,
    priceCents: variable ? null : safeNumber(money.amount),
    currency: money?.currency ?? null,
    tracked: override?.trackInventory ?? d.trackInventory ?? false,
    archived: v.isDeleted === true || !presentAt(v, location) || d.sellable === false,
  };
}

/** Square's Dashboard item page, for "Edit in Square". */
function squareEditUrl(sandbox: boolean, itemId: string): string {
  const host = sandbox ? 'app.squareupsandbox.com' : 'app.squareup.com';
  return `https://${host}/dashboard/items/library/${encodeURIComponent(itemId)}`;
}

export function productOf(o: Obj, location: string | null, sandbox: boolean): ExtProduct | null {
  if (o.type !== 'ITEM') return null;
  const d = o.itemData ?? {};
  const category = d.categories?.[0]?.id ?? d.categoryId ?? null;
  return {
    extId: o.id,
    version: String(o.version ?? 0),
    updatedAt: o.updatedAt ?? new Date(0).toISOString(),
    name: d.name?.trim() || 'Unnamed item',
    description: (d.descriptionPlaintext ?? d.description ?? '').trim(),
    categoryExtId: category,
    taxExtIds: d.taxIds ?? [],
    imageExtIds: d.imageIds ?? [],
    archived: d.isArchived === true || !presentAt(o, location),
    variants: (d.variations ?? []).map((v) => variantOf(v, location)).filter((v): v is ExtVariant => v !== null),
    editUrl: squareEditUrl(sandbox, o.id),
  };
}

function deletedOf(o: Obj): ExtDeleted {
  const type = o.type === 'ITEM' ? 'product' : o.type === 'ITEM_VARIATION' ? 'variant' : o.type === 'TAX' ? 'tax' : o.type === 'CATEGORY' ? 'category' : o.type === 'IMAGE' ? 'image' : 'other';
  return { extId: o.id ?? '', type, version: String(o.version ?? 0), updatedAt: o.updatedAt ?? new Date(0).toISOString() };
}

/** One page of Square catalog objects in the engine's shapes; variations changed alone are reported by item id. */
export function pageOf(objects: readonly Obj[], next: string | null, location: string | null, sandbox: boolean): CatalogPage & { variationItemIds: string[] } {
  const page: CatalogPage & { variationItemIds: string[] } = { products: [], taxes: [], categories: [], images: [], deleted: [], next, variationItemIds: [] };
  for (const o of objects) {
    if (o.isDeleted) {
      page.deleted.push(deletedOf(o));
      continue;
    }
    if (o.type === 'ITEM') {
      const p = productOf(o, location, sandbox);
      if (p) page.products.push(p);
    } else if (o.type === 'ITEM_VARIATION') {
      const itemId = o.itemVariationData?.itemId;
      if (itemId) page.variationItemIds.push(itemId);
    } else if (o.type === 'TAX') {
      const t = o.taxData ?? {};
      const bps = percentToBps(t.percentage);
      if (bps !== null) page.taxes.push({ extId: o.id, name: t.name?.trim() || 'Tax', rateBps: bps, inclusive: t.inclusionType === 'INCLUSIVE', enabled: t.enabled !== false });
    } else if (o.type === 'CATEGORY') {
      if (o.id) page.categories.push({ extId: o.id, name: o.categoryData?.name?.trim() || 'Category' });
    } else if (o.type === 'IMAGE') {
      const url = o.imageData?.url;
      if (url) page.images.push({ extId: o.id, url });
    }
  }
  return page;
}

export function observationOf(c: Square.InventoryCount): StockObservation | null {
  if (!c.catalogObjectId || !c.locationId || !c.calculatedAt) return null;
  if (c.state && c.state !== 'IN_STOCK') return null;
  return { variantExtId: c.catalogObjectId, locationExtId: c.locationId, quantity: quantityOf(c.quantity), observedAt: c.calculatedAt };
}
