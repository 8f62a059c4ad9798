import type { ExtProduct, ExtTax, ExtVariant } from '../types';

/**
 * Shopify's GraphQL shapes (the fields our queries select) → the engine's. Variants are keyed by their
 * InventoryItem GID, not the ProductVariant GID: stock webhooks (`inventory_levels/update`) name only the inventory
 * item, and the engine finds a variant's stock by its ext id.
 */

export interface ShopInfo {
  /** the shop's domain, `x.myshopify.com` */
  shop: string;
  currencyCode: string;
  taxesIncluded: boolean;
}

export interface VariantNode {
  id: string;
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  taxable?: boolean | null;
  updatedAt?: string | null;
  selectedOptions?: readonly { name: string; value: string }[] | null;
  inventoryItem?: { id: string; tracked?: boolean | null } | null;
}

export interface ProductNode {
  id: string;
  legacyResourceId?: string | null;
  title?: string | null;
  descriptionHtml?: string | null;
  status?: string | null;
  updatedAt?: string | null;
  featuredMedia?: { image?: { url?: string | null } | null } | null;
  variants?: { nodes?: readonly VariantNode[] | null; pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null } | null;
}

/** "24.00" → 2400: a decimal string split at the point (never parseFloat × 100); null when it is not a plain amount or too large. */
export function moneyToCents(amount: string | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  const m = /^(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!m) return null;
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  // Shopify sends at most the currency's decimals; a third decimal digit other than 0 would need rounding we do not guess
  if (/[1-9]/.test(frac.slice(2))) return null;
  const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return cents <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cents) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Shopify descriptions are HTML; ours are plain text: block ends become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m: string, e: string) => {
      if (!e.startsWith('#')) return ENTITIES[e.toLowerCase()] ?? m;
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** 2400 → "24.00" (for orderCreate's MoneyInput). */
export function centsToMoney(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError('An amount must be a whole, non-negative number of cents.');
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** `gid://shopify/<Type>/<id>` (webhook bodies carry numeric ids; large ones are kept as text, see webhook.ts). */
export function gid(type: string, id: string | number | bigint): string {
  return `gid://shopify/${type}/${String(id)}`;
}

export function gidType(id: string): string | null {
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(id)?.[1] ?? null;
}

function gidNumber(id: string): string {
  return /\/(\d+)(?:\?.*)?$/.exec(id)?.[1] ?? id;
}

/** The one tax a Shopify shop stands for (see taxFor). */
function shopTaxId(shop: string): string {
  return `shopify-tax:${shop}`;
}

/**
 * Shopify keeps tax rates by region in the shop's settings, not on products: a product knows only whether it is
 * `taxable`, and the shop whether its prices include tax. So a shop maps to one ExtTax, "Shopify tax", with no rate
 * (null) and the shop's `taxesIncluded` as its inclusive flag: taxable products name it and are taxed at the Makeries
 * shop's own standard rates (a shop whose tax mode differs from Makeries' is flagged for review); untaxed ones name none.
 */
function taxFor(info: ShopInfo): ExtTax {
  return { extId: shopTaxId(info.shop), name: 'Shopify tax', rateBps: null, inclusive: info.taxesIncluded, enabled: true };
}

/** The admin page of a product: `https://admin.shopify.com/store/<shop name>/products/<id>`. */
export function editUrl(shop: string, product: ProductNode): string {
  const name = shop.replace(/\.myshopify\.com$/, '');
  return `https://admin.shopify.com/store/${encodeURIComponent(name)}/products/${product.legacyResourceId ?? gidNumber(product.id)}`;
}

function variantName(v: VariantNode): string {
  const values = (v.selectedOptions ?? []).filter((o) => !(o.name === 'Title' && o.value === 'Default Title')).map((o) => o.value.trim()).filter((s) => s !== '');
  return values.length > 0 ? values.join(' / ') : 'Default';
}

function variantOf(v: VariantNode, productArchived: boolean, info: ShopInfo, version: string): ExtVariant | null {
  const item = v.inventoryItem?.id;
  if (!item) return null;
  return {
    extId: item,
    version,
    name: variantName(v),
    sku: v.sku?.trim() || null,
    barcode: v.barcode?.trim() || null,
    priceCents: moneyToCents(v.price),
    currency: info.currencyCode,
    tracked: v.inventoryItem?.tracked === true,
    archived: productArchived,
  };
}

/** A product with its variants; DRAFT and ARCHIVED products are not for sale, so they arrive archived. */
export function productOf(p: ProductNode, variants: readonly VariantNode[], info: ShopInfo): ExtProduct {
  const archived = p.status !== 'ACTIVE';
  const updatedAt = p.updatedAt ? new Date(p.updatedAt).toISOString() : new Date(0).toISOString();
  const image = p.featuredMedia?.image?.url ?? null;
  return {
    extId: p.id,
    // Shopify has no object versions: the update time is one (compared as instants by plan.ts newerVersion)
    version: updatedAt,
    updatedAt,
    name: p.title?.trim() || 'Unnamed product',
    description: htmlToText(p.descriptionHtml ?? ''),
    categoryExtId: null,
    taxExtIds: variants.some((v) => v.taxable === true) ? [shopTaxId(info.shop)] : [],
    imageExtIds: image ? [imageId(p.id)] : [],
    archived,
    variants: variants.map((v) => variantOf(v, archived, info, updatedAt)).filter((v): v is ExtVariant => v !== null),
    editUrl: editUrl(info.shop, p),
  };
}

function imageId(productId: string): string {
  return `${productId}/featured-image`;
}

/** A page of products (GraphQL nodes with nested variants) in the engine's shapes, with the shop's tax and images. */
export function productsPage(nodes: readonly ProductNode[], info: ShopInfo) {
  const products = nodes.map((p) => productOf(p, p.variants?.nodes ?? [], info));
  const images = nodes.flatMap((p) => {
    const url = p.featuredMedia?.image?.url;
    return url ? [{ extId: imageId(p.id), url }] : [];
  });
  return { products, images, taxes: products.some((p) => p.taxExtIds.length > 0) ? [taxFor(info)] : [] };
}
