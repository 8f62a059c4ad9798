import { isoMicros, newId, newUuid, type FakeState, type MerchantState, type StoredCatalogObject } from './state';
import type { CatalogObjectWire, MoneyWire, TaxDataWire } from './wire';
import type { WebhookOutbox } from './webhooks';

interface FakeVariationInput {
  id?: string;
  name: string;
  sku?: string;
  upc?: string;
  /** integer minor units; null = VARIABLE_PRICING */
  price: number | null;
  currency?: string;
  trackInventory?: boolean;
  sellable?: boolean;
  stockable?: boolean;
  locationOverrides?: { locationId: string; price?: number; trackInventory?: boolean; soldOut?: boolean }[];
}

export interface FakeItemInput {
  id?: string;
  name: string;
  description?: string;
  categoryIds?: string[];
  taxIds?: string[];
  imageIds?: string[];
  isArchived?: boolean;
  /** replaces the item's variations; existing ones left out are deleted (as a Square upsert does) */
  variations: FakeVariationInput[];
}

export interface SeedOptions {
  currency?: string;
  taxes?: number;
  categories?: number;
  /** attach one IMAGE to every `imageEvery`-th item (0 = none) */
  imageEvery?: number;
  namePrefix?: string;
}

export interface SeededCatalog {
  itemIds: string[];
  variationIds: string[];
  taxIds: string[];
  categoryIds: string[];
  imageIds: string[];
}

/** The merchant's catalog: versioned objects, tombstones, item → variations, and catalog webhooks. */
export class CatalogStore {
  constructor(
    private readonly state: FakeState,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /**
   * One catalog write (like one BatchUpsert): every object gets the same new version and updated_at. ITEMs may
   * embed variations; `#temp` ids are replaced by new ids everywhere in the batch. Returns the stored ids.
   */
  upsertObjects(merchant: MerchantState, input: CatalogObjectWire[]): Map<string, string> {
    const ids = new Map<string, string>();
    const realId = (id: string): string => {
      if (!id.startsWith('#')) return id;
      let mapped = ids.get(id);
      if (mapped === undefined) {
        mapped = newId();
        ids.set(id, mapped);
      }
      return mapped;
    };
    const flat: CatalogObjectWire[] = [];
    const replacedVariations = new Map<string, string[]>();
    for (const raw of input) {
      const obj = structuredClone(raw);
      obj.id = realId(obj.id);
      if (obj.type === 'ITEM' && obj.item_data) {
        const variations = obj.item_data.variations ?? [];
        delete obj.item_data.variations;
        if (obj.item_data.categories) obj.item_data.categories = obj.item_data.categories.map((c) => ({ id: realId(c.id) }));
        if (obj.item_data.tax_ids) obj.item_data.tax_ids = obj.item_data.tax_ids.map(realId);
        if (obj.item_data.image_ids) obj.item_data.image_ids = obj.item_data.image_ids.map(realId);
        const order: string[] = [];
        for (const v of variations) {
          const vo = structuredClone(v);
          vo.id = realId(vo.id);
          if (vo.item_variation_data) vo.item_variation_data.item_id = obj.id;
          order.push(vo.id);
          flat.push(vo);
        }
        if (raw.item_data?.variations !== undefined) replacedVariations.set(obj.id, order);
      } else if (obj.type === 'ITEM_VARIATION' && obj.item_variation_data) {
        obj.item_variation_data.item_id = realId(obj.item_variation_data.item_id);
      }
      flat.push(obj);
    }
    const stamp = this.nextStamp(merchant);
    for (const [itemId, order] of replacedVariations) {
      for (const old of merchant.itemVariations.get(itemId) ?? []) {
        if (!order.includes(old)) this.tombstone(merchant, old, stamp);
      }
      merchant.itemVariations.set(itemId, [...order]);
    }
    for (const obj of flat) this.put(merchant, obj, stamp);
    this.announce(merchant, stamp.micros);
    return ids;
  }

  /** Deletes like DeleteCatalogObject: a tombstone (is_deleted) with a new version; an ITEM takes its variations. */
  deleteObject(merchant: MerchantState, id: string): string[] {
    const stored = merchant.catalog.get(id);
    if (!stored || stored.object.is_deleted === true) throw new Error(`square fake: no catalog object ${id}`);
    const stamp = this.nextStamp(merchant);
    const deleted = [id];
    if (stored.object.type === 'ITEM') {
      for (const v of merchant.itemVariations.get(id) ?? []) {
        this.tombstone(merchant, v, stamp);
        deleted.push(v);
      }
    }
    this.tombstone(merchant, id, stamp);
    this.announce(merchant, stamp.micros);
    return deleted;
  }

  upsertItem(merchant: MerchantState, input: FakeItemInput): { itemId: string; variationIds: string[] } {
    const currency = merchant.locations[0]?.currency ?? 'USD';
    const itemId = input.id ?? '#item';
    const item: CatalogObjectWire = {
      type: 'ITEM',
      id: itemId,
      present_at_all_locations: true,
      item_data: {
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.categoryIds ? { categories: input.categoryIds.map((id) => ({ id })) } : {}),
        ...(input.taxIds ? { tax_ids: input.taxIds } : {}),
        ...(input.imageIds ? { image_ids: input.imageIds } : {}),
        is_archived: input.isArchived ?? false,
        is_taxable: (input.taxIds ?? []).length > 0,
        product_type: 'REGULAR',
        variations: input.variations.map((v, i) => variationObject(itemId, v.id ?? `#var${String(i)}`, v, currency)),
      },
    };
    const ids = this.upsertObjects(merchant, [item]);
    const realItem = ids.get(itemId) ?? itemId;
    return { itemId: realItem, variationIds: [...(merchant.itemVariations.get(realItem) ?? [])] };
  }

  /** Bulk creation in one write: n items with 1-3 variations each (unique SKUs), a few taxes and categories. */
  seedItems(merchant: MerchantState, n: number, opts: SeedOptions = {}): SeededCatalog {
    const currency = opts.currency ?? merchant.locations[0]?.currency ?? 'USD';
    const prefix = opts.namePrefix ?? 'Item';
    const taxIds = Array.from({ length: opts.taxes ?? 3 }, () => newId());
    const categoryIds = Array.from({ length: opts.categories ?? 5 }, () => newId());
    const objects: CatalogObjectWire[] = [
      ...taxIds.map((id, i): CatalogObjectWire => ({
        type: 'TAX',
        id,
        present_at_all_locations: true,
        tax_data: taxData(`Tax ${String(i + 1)}`, ['7.5', '19', '5.25'][i % 3] ?? '10', 'ADDITIVE'),
      })),
      ...categoryIds.map((id, i): CatalogObjectWire => ({
        type: 'CATEGORY',
        id,
        present_at_all_locations: true,
        category_data: { name: `Category ${String(i + 1)}` },
      })),
    ];
    const itemIds: string[] = [];
    const variationIds: string[] = [];
    const imageIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const itemId = newId();
      itemIds.push(itemId);
      const nVar = 1 + (i % 3);
      const variations: CatalogObjectWire[] = [];
      for (let j = 0; j < nVar; j++) {
        const id = newId();
        variationIds.push(id);
        variations.push(variationObject(itemId, id, {
          name: nVar === 1 ? 'Regular' : ['Small', 'Medium', 'Large'][j] ?? 'Regular',
          sku: `SKU-${String(i + 1).padStart(6, '0')}-${String(j + 1)}`,
          price: 100 + ((i * 37 + j * 50) % 5000),
          trackInventory: true,
        }, currency));
      }
      const every = opts.imageEvery ?? 0;
      const imageId = every > 0 && i % every === 0 ? newId() : null;
      if (imageId !== null) {
        imageIds.push(imageId);
        objects.push({ type: 'IMAGE', id: imageId, image_data: { name: `${prefix} ${String(i + 1)}`, url: '' } });
      }
      objects.push({
        type: 'ITEM',
        id: itemId,
        present_at_all_locations: true,
        item_data: {
          name: `${prefix} ${String(i + 1)}`,
          description: `Seeded item ${String(i + 1)}`,
          categories: [{ id: categoryIds[i % Math.max(categoryIds.length, 1)] ?? '' }].filter((c) => c.id !== ''),
          tax_ids: taxIds.length > 0 ? [taxIds[i % taxIds.length] ?? ''] : [],
          ...(imageId !== null ? { image_ids: [imageId] } : {}),
          is_archived: false,
          is_taxable: taxIds.length > 0,
          product_type: 'REGULAR',
          variations,
        },
      });
    }
    this.upsertObjects(merchant, objects);
    return { itemIds, variationIds, taxIds, categoryIds, imageIds };
  }

  /** The wire form of a stored object: ITEMs embed their live variations, like Square's responses. */
  render(merchant: MerchantState, stored: StoredCatalogObject): CatalogObjectWire {
    const obj = structuredClone(stored.object);
    if (obj.type === 'ITEM' && obj.item_data && obj.is_deleted !== true) {
      const variations: CatalogObjectWire[] = [];
      for (const vid of merchant.itemVariations.get(obj.id) ?? []) {
        const v = merchant.catalog.get(vid);
        if (v && v.object.is_deleted !== true) variations.push(structuredClone(v.object));
      }
      obj.item_data.variations = variations;
    }
    return obj;
  }

  private nextStamp(merchant: MerchantState): { version: number; micros: number } {
    const now = this.state.clock.now();
    merchant.catalogVersion = Math.max(merchant.catalogVersion + 1, now);
    merchant.catalogUpdatedMicros = Math.max(merchant.catalogUpdatedMicros + 1, now * 1000);
    return { version: merchant.catalogVersion, micros: merchant.catalogUpdatedMicros };
  }

  private put(merchant: MerchantState, obj: CatalogObjectWire, stamp: { version: number; micros: number }): void {
    if (obj.type === 'IMAGE' && obj.image_data && !obj.image_data.url) {
      obj.image_data.url = `${this.state.baseUrl}/fake-media/${obj.id}.png`;
    }
    if (obj.type === 'ITEM_VARIATION' && obj.item_variation_data) {
      const itemId = obj.item_variation_data.item_id;
      const order = merchant.itemVariations.get(itemId) ?? [];
      if (!order.includes(obj.id)) merchant.itemVariations.set(itemId, [...order, obj.id]);
    }
    obj.version = stamp.version;
    obj.updated_at = isoMicros(stamp.micros);
    obj.is_deleted = false;
    obj.present_at_all_locations ??= true;
    const existing = merchant.catalog.get(obj.id);
    merchant.catalog.set(obj.id, {
      seq: existing?.seq ?? ++merchant.catalogSeq,
      updatedMicros: stamp.micros,
      object: obj,
    });
  }

  private tombstone(merchant: MerchantState, id: string, stamp: { version: number; micros: number }): void {
    const stored = merchant.catalog.get(id);
    if (!stored || stored.object.is_deleted === true) return;
    stored.object.is_deleted = true;
    stored.object.version = stamp.version;
    stored.object.updated_at = isoMicros(stamp.micros);
    stored.updatedMicros = stamp.micros;
    if (stored.object.type === 'ITEM_VARIATION' && stored.object.item_variation_data) {
      const itemId = stored.object.item_variation_data.item_id;
      const order = merchant.itemVariations.get(itemId);
      if (order) merchant.itemVariations.set(itemId, order.filter((v) => v !== id));
    }
  }

  /** `catalog.version.updated` carries only the catalog's new updated_at, never ids. */
  private announce(merchant: MerchantState, micros: number): void {
    this.webhooks.emit(merchant.id, 'catalog.version.updated', {
      type: 'catalog_version',
      id: newUuid(),
      object: { catalog_version: { updated_at: isoMicros(micros) } },
    });
  }
}

function taxData(name: string, percentage: string, inclusion: 'ADDITIVE' | 'INCLUSIVE'): TaxDataWire {
  return { name, percentage, inclusion_type: inclusion, calculation_phase: 'TAX_SUBTOTAL_PHASE', enabled: true, applies_to_custom_amounts: true };
}

function variationObject(itemId: string, id: string, v: FakeVariationInput, currency: string): CatalogObjectWire {
  const cur = v.currency ?? currency;
  const money = (amount: number): MoneyWire => ({ amount, currency: cur });
  return {
    type: 'ITEM_VARIATION',
    id,
    present_at_all_locations: true,
    item_variation_data: {
      item_id: itemId,
      name: v.name,
      ...(v.sku !== undefined ? { sku: v.sku } : {}),
      ...(v.upc !== undefined ? { upc: v.upc } : {}),
      pricing_type: v.price === null ? 'VARIABLE_PRICING' : 'FIXED_PRICING',
      ...(v.price !== null ? { price_money: money(v.price) } : {}),
      track_inventory: v.trackInventory ?? true,
      sellable: v.sellable ?? true,
      stockable: v.stockable ?? true,
      ...(v.locationOverrides
        ? {
            location_overrides: v.locationOverrides.map((o) => ({
              location_id: o.locationId,
              ...(o.price !== undefined ? { price_money: money(o.price) } : {}),
              ...(o.trackInventory !== undefined ? { track_inventory: o.trackInventory } : {}),
              ...(o.soldOut !== undefined ? { sold_out: o.soldOut } : {}),
            })),
          }
        : {}),
    },
  };
}
