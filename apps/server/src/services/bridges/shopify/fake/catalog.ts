import { restProduct, variantAvailable } from './catalog-rest';
import { connection, countOf } from './connection';
import { recordEvent } from './events';
import { gqlError, type Plain } from './schema';
import { parseSearch, timeMatches } from './search';
import {
  fakeError,
  formatDecimal,
  gid,
  isoSeconds,
  newNumericId,
  parseDecimal,
  parseGid,
  type FakeClock,
  type InventoryItemRecord,
  type ProductRecord,
  type ShopState,
  type VariantRecord,
} from './state';
import type { ShopifyWebhookOutbox } from './webhooks';

interface FakeVariantInput {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  /** decimal string ("24.00") */
  price: string;
  compareAtPrice?: string | null;
  taxable?: boolean;
  inventoryPolicy?: 'DENY' | 'CONTINUE';
  options?: { name: string; value: string }[];
  tracked?: boolean;
  /** available at every location (default 0) */
  available?: number;
}

export interface FakeProductInput {
  title: string;
  status?: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  /** default: one "Default Title" variant at 10.00 */
  variants?: FakeVariantInput[];
}

export interface FakeProductPatch {
  title?: string;
  status?: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  descriptionHtml?: string;
  /** keyed by variant GID */
  variants?: Record<string, Partial<Omit<FakeVariantInput, 'tracked' | 'available' | 'options'>>>;
}

/** GIDs of a created product. */
export interface CreatedProduct {
  productId: string;
  variantIds: string[];
  inventoryItemIds: string[];
}

const PRODUCT_QUERY_FIELDS = ['updated_at', 'created_at', 'status', 'title'] as const;

function handleOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'product';
}

function checkPrice(text: string): string {
  const minor = parseDecimal(text);
  if (minor === null || minor < 0) throw fakeError(`bad price ${text}`);
  return formatDecimal(minor);
}

/** Products, variants and inventory items of every shop; renders them as GraphQL objects and REST webhooks. */
export class CatalogStore {
  constructor(
    private readonly clock: FakeClock,
    private readonly webhooks: ShopifyWebhookOutbox,
  ) {}

  createProduct(shop: ShopState, input: FakeProductInput): CreatedProduct {
    const now = this.clock.now();
    const product: ProductRecord = {
      id: newNumericId(),
      title: input.title,
      handle: handleOf(input.title),
      status: input.status ?? 'ACTIVE',
      descriptionHtml: input.descriptionHtml ?? '',
      vendor: input.vendor ?? shop.name,
      productType: input.productType ?? '',
      tags: input.tags ?? [],
      createdAt: now,
      updatedAt: now,
      variantIds: [],
    };
    const variants = input.variants ?? [{ price: '10.00' }];
    if (variants.length === 0) throw fakeError('a product needs at least one variant');
    shop.products.set(product.id, product);
    const created: CreatedProduct = { productId: gid('Product', product.id), variantIds: [], inventoryItemIds: [] };
    variants.forEach((v, i) => {
      const variant: VariantRecord = {
        id: newNumericId(),
        productId: product.id,
        title: v.title ?? (v.options?.map((o) => o.value).join(' / ') || 'Default Title'),
        sku: v.sku ?? null,
        barcode: v.barcode ?? null,
        price: checkPrice(v.price),
        compareAtPrice: v.compareAtPrice == null ? null : checkPrice(v.compareAtPrice),
        taxable: v.taxable ?? true,
        inventoryPolicy: v.inventoryPolicy ?? 'DENY',
        options: v.options ?? [{ name: 'Title', value: 'Default Title' }],
        position: i + 1,
        inventoryItemId: newNumericId(),
        createdAt: now,
        updatedAt: now,
      };
      const item: InventoryItemRecord = {
        id: variant.inventoryItemId,
        variantId: variant.id,
        tracked: v.tracked ?? true,
        createdAt: now,
        updatedAt: now,
        levels: new Map(shop.locations.map((l) => [l.id, { available: v.available ?? 0, committed: 0, updatedAt: now }])),
      };
      shop.variants.set(variant.id, variant);
      shop.items.set(item.id, item);
      product.variantIds.push(variant.id);
      created.variantIds.push(gid('ProductVariant', variant.id));
      created.inventoryItemIds.push(gid('InventoryItem', item.id));
    });
    recordEvent(shop, 'create', created.productId, now);
    this.webhooks.emit(shop.domain, 'products/create', restProduct(shop, product));
    return created;
  }

  updateProduct(shop: ShopState, productGid: string, patch: FakeProductPatch): void {
    const product = this.product(shop, productGid);
    const now = Math.max(this.clock.now(), product.updatedAt + 1);
    if (patch.title !== undefined) product.title = patch.title;
    if (patch.status !== undefined) product.status = patch.status;
    if (patch.descriptionHtml !== undefined) product.descriptionHtml = patch.descriptionHtml;
    for (const [variantGid, vp] of Object.entries(patch.variants ?? {})) {
      const variant = this.variant(shop, variantGid);
      if (variant.productId !== product.id) throw fakeError(`${variantGid} is not a variant of ${productGid}`);
      if (vp.title !== undefined) variant.title = vp.title;
      if (vp.sku !== undefined) variant.sku = vp.sku;
      if (vp.barcode !== undefined) variant.barcode = vp.barcode;
      if (vp.price !== undefined) variant.price = checkPrice(vp.price);
      if (vp.compareAtPrice !== undefined) variant.compareAtPrice = vp.compareAtPrice === null ? null : checkPrice(vp.compareAtPrice);
      if (vp.taxable !== undefined) variant.taxable = vp.taxable;
      if (vp.inventoryPolicy !== undefined) variant.inventoryPolicy = vp.inventoryPolicy;
      variant.updatedAt = now;
    }
    product.updatedAt = now;
    recordEvent(shop, 'update', gid('Product', product.id), now);
    this.webhooks.emit(shop.domain, 'products/update', restProduct(shop, product));
  }

  deleteProduct(shop: ShopState, productGid: string): void {
    const product = this.product(shop, productGid);
    for (const vid of product.variantIds) {
      const variant = shop.variants.get(vid);
      if (variant) shop.items.delete(variant.inventoryItemId);
      shop.variants.delete(vid);
    }
    shop.products.delete(product.id);
    recordEvent(shop, 'destroy', gid('Product', product.id), this.clock.now());
    this.webhooks.emit(shop.domain, 'products/delete', { id: product.id });
  }

  product(shop: ShopState, productGid: string): ProductRecord {
    const p = shop.products.get(parseGid('Product', productGid) ?? -1);
    if (!p) throw fakeError(`no product ${productGid} in ${shop.domain}`);
    return p;
  }

  variant(shop: ShopState, variantGid: string): VariantRecord {
    const v = shop.variants.get(parseGid('ProductVariant', variantGid) ?? -1);
    if (!v) throw fakeError(`no variant ${variantGid} in ${shop.domain}`);
    return v;
  }

  /** `products(first, after, query, sortKey, reverse)` */
  products(shop: ShopState, args: Record<string, unknown>, ctx: Parameters<typeof connection>[2]): Plain {
    const terms = parseSearch(args.query as string | null, PRODUCT_QUERY_FIELDS);
    const list = [...shop.products.values()].filter((p) =>
      terms.every((t) => {
        if (t.field === 'updated_at') return timeMatches(p.updatedAt, t);
        if (t.field === 'created_at') return timeMatches(p.createdAt, t);
        if (t.field === 'status') return t.value.split(',').some((s) => s.trim().toUpperCase() === p.status);
        return p.title.toLowerCase().includes(t.value.toLowerCase());
      }),
    );
    const sortKey = (args.sortKey as string | undefined) ?? 'ID';
    const keyOf = (p: ProductRecord): (string | number)[] => {
      switch (sortKey) {
        case 'ID':
          return [p.id];
        case 'UPDATED_AT':
          return [p.updatedAt, p.id];
        case 'CREATED_AT':
          return [p.createdAt, p.id];
        case 'TITLE':
          return [p.title, p.id];
        default:
          throw gqlError(`The Shopify fake does not model products sortKey ${sortKey}.`, 'NOT_IMPLEMENTED_IN_FAKE');
      }
    };
    return connection(list, args, ctx, keyOf, (p) => this.renderProduct(shop, p));
  }

  renderProduct(shop: ShopState, p: ProductRecord): Plain {
    const variants = (): VariantRecord[] => p.variantIds.flatMap((id) => shop.variants.get(id) ?? []);
    const optionNames = [...new Set(variants().flatMap((v) => v.options.map((o) => o.name)))];
    return {
      __typename: 'Product',
      id: gid('Product', p.id),
      legacyResourceId: String(p.id),
      title: p.title,
      handle: p.handle,
      status: p.status,
      descriptionHtml: p.descriptionHtml,
      vendor: p.vendor,
      productType: p.productType,
      tags: p.tags,
      createdAt: isoSeconds(p.createdAt),
      updatedAt: isoSeconds(p.updatedAt),
      totalInventory: () => variants().reduce((n, v) => n + this.itemAvailable(shop, v), 0),
      options: () =>
        optionNames.map((name, i) => ({
          __typename: 'ProductOption',
          id: gid('ProductOption', p.id * 10 + i),
          name,
          position: i + 1,
          values: [...new Set(variants().flatMap((v) => v.options.filter((o) => o.name === name).map((o) => o.value)))],
        })),
      variants: (args: Record<string, unknown>, ctx: Parameters<typeof connection>[2]) =>
        connection(variants(), args, ctx, (v) => [v.position, v.id], (v) => this.renderVariant(shop, v)),
      variantsCount: () => countOf(p.variantIds.length),
    };
  }

  private itemAvailable(shop: ShopState, v: VariantRecord): number {
    return variantAvailable(shop, v);
  }

  renderVariant(shop: ShopState, v: VariantRecord): Plain {
    const product = shop.products.get(v.productId);
    return {
      __typename: 'ProductVariant',
      id: gid('ProductVariant', v.id),
      legacyResourceId: String(v.id),
      title: v.title,
      displayName: `${product?.title ?? ''} - ${v.title}`,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      taxable: v.taxable,
      inventoryPolicy: v.inventoryPolicy,
      inventoryQuantity: () => this.itemAvailable(shop, v),
      position: v.position,
      selectedOptions: v.options.map((o) => ({ name: o.name, value: o.value })),
      createdAt: isoSeconds(v.createdAt),
      updatedAt: isoSeconds(v.updatedAt),
      product: () => (product ? this.renderProduct(shop, product) : null),
      inventoryItem: () => {
        const item = shop.items.get(v.inventoryItemId);
        return item ? this.renderItem(shop, item) : null;
      },
    };
  }

  renderItem(shop: ShopState, item: InventoryItemRecord): Plain {
    const levels = (): [number, InventoryItemRecord['levels'] extends Map<number, infer L> ? L : never][] => [...item.levels.entries()];
    return {
      __typename: 'InventoryItem',
      id: gid('InventoryItem', item.id),
      legacyResourceId: String(item.id),
      tracked: item.tracked,
      sku: shop.variants.get(item.variantId)?.sku ?? null,
      createdAt: isoSeconds(item.createdAt),
      updatedAt: isoSeconds(item.updatedAt),
      variant: () => {
        const v = shop.variants.get(item.variantId);
        return v ? this.renderVariant(shop, v) : null;
      },
      inventoryLevel: (args: Record<string, unknown>) => {
        const loc = parseGid('Location', args.locationId);
        return loc !== null && item.levels.has(loc) ? this.renderLevel(shop, item, loc) : null;
      },
      inventoryLevels: (args: Record<string, unknown>, ctx: Parameters<typeof connection>[2]) =>
        connection(levels(), args, ctx, ([loc]) => [loc], ([loc]) => this.renderLevel(shop, item, loc)),
      locationsCount: () => countOf(item.levels.size),
    };
  }

  renderLevel(shop: ShopState, item: InventoryItemRecord, locationId: number): Plain {
    const level = item.levels.get(locationId);
    if (!level) throw fakeError(`item ${String(item.id)} is not stocked at ${String(locationId)}`);
    const idSuffix = `?inventory_item_id=${String(item.id)}`;
    return {
      __typename: 'InventoryLevel',
      id: `gid://shopify/InventoryLevel/${String(locationId)}${idSuffix}`,
      isActive: true,
      createdAt: isoSeconds(item.createdAt),
      updatedAt: isoSeconds(level.updatedAt),
      item: () => this.renderItem(shop, item),
      location: () => this.renderLocation(shop, locationId),
      quantities: (args: Record<string, unknown>) =>
        (args.names as string[]).map((name) => ({
          __typename: 'InventoryQuantity',
          id: `gid://shopify/InventoryQuantity/${String(locationId)}${idSuffix}&name=${name}`,
          name,
          quantity: quantityOf(level, name),
          updatedAt: isoSeconds(level.updatedAt),
        })),
    };
  }

  renderLocation(shop: ShopState, locationId: number): Plain | null {
    const loc = shop.locations.find((l) => l.id === locationId);
    if (!loc) return null;
    return {
      __typename: 'Location',
      id: gid('Location', loc.id),
      legacyResourceId: String(loc.id),
      name: loc.name,
      isActive: true,
      createdAt: isoSeconds(shop.createdAt),
      updatedAt: isoSeconds(shop.createdAt),
      inventoryLevel: (args: Record<string, unknown>) => {
        const item = shop.items.get(parseGid('InventoryItem', args.inventoryItemId) ?? -1);
        return item ? this.renderLevel(shop, item, loc.id) : null;
      },
    };
  }
}

const QUANTITY_NAMES = ['available', 'on_hand', 'committed', 'incoming', 'reserved', 'damaged', 'safety_stock', 'quality_control'];

export function quantityOf(level: { available: number; committed: number }, name: string): number {
  switch (name) {
    case 'available':
      return level.available;
    case 'committed':
      return level.committed;
    case 'on_hand':
      return level.available + level.committed;
    default:
      if (QUANTITY_NAMES.includes(name)) return 0;
      throw gqlError(`Invalid quantity name: ${name}`, 'BAD_REQUEST');
  }
}
