import { createHash } from 'node:crypto';
import { validateBarcode, type BridgeAttention } from '@makeries/shared';

/** the largest price the catalog accepts (centsSchema) */
const MAX_PRICE_CENTS = 100_000_000;
import type { ExtProduct, ExtTax } from './types';

/**
 * Pure: what a POS product becomes here (names, prices, tax class, flags), and what needs the owner's attention.
 * The writer (catalog-apply.ts) then resolves clashes with the shop's own SKUs and barcodes.
 */

export interface PlannedVariant {
  extId: string;
  version: string;
  name: string;
  sku: string;
  /** the SKU came from the POS (false: made up from its id) */
  skuFromPos: boolean;
  barcode: string | null;
  priceCents: number;
  trackStock: boolean;
  archived: boolean;
}

export interface PlannedProduct {
  extId: string;
  version: string;
  updatedAt: string;
  name: string;
  description: string;
  archived: boolean;
  categoryExtId: string | null;
  taxClass: string;
  taxes: ExtTax[];
  variants: PlannedVariant[];
  editUrl: string | null;
  attention: BridgeAttention[];
}

export interface PlanContext {
  taxMode: 'inclusive' | 'exclusive';
  currency: string;
  taxes: ReadonlyMap<string, ExtTax>;
}

/** One tax class per set of POS taxes ("sq-" + a short hash; "sq-none" for untaxed items). */
export function taxClassFor(prefix: string, taxIds: readonly string[]): string {
  if (taxIds.length === 0) return `${prefix}-none`;
  const h = createHash('sha256').update([...taxIds].sort().join(',')).digest('hex').slice(0, 10);
  return `${prefix}-${h}`;
}

function shortId(extId: string): string {
  return extId.replace(/[^A-Za-z0-9]/g, '').slice(-6).toUpperCase() || 'X';
}

function generatedSku(prefix: string, extId: string): string {
  return `${prefix.toUpperCase()}-${extId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
}

/** The SKU given to the second variant claiming a SKU. */
export function dedupedSku(sku: string, extId: string): string {
  return `${sku.slice(0, 55)}-${shortId(extId)}`;
}

function cleanBarcode(raw: string | null): string | null {
  if (!raw) return null;
  const v = validateBarcode(raw);
  return v.ok ? v.normalized : null;
}

export function planProduct(p: ExtProduct, ctx: PlanContext, prefix: string): PlannedProduct {
  const attention: BridgeAttention[] = [];
  const flag = (reason: BridgeAttention['reason'], detail: string) => attention.push({ extId: p.extId, name: p.name, reason, detail });
  const taxes = p.taxExtIds.map((id) => ctx.taxes.get(id)).filter((t): t is ExtTax => t !== undefined && t.enabled);
  const wantsInclusive = ctx.taxMode === 'inclusive';
  const mismatch = taxes.find((t) => t.inclusive !== wantsInclusive);
  if (mismatch) {
    flag(
      'tax_mode_mismatch',
      `${mismatch.name} is ${mismatch.inclusive ? 'included in' : 'added on top of'} the price in the point of sale, but this shop's prices ${wantsInclusive ? 'include' : 'exclude'} tax: check the price before selling it online.`,
    );
  }
  if (p.inStoreOnly === true && p.variants.length > 0) {
    flag('in_store_only', 'It has a required choice (modifier) that only the till can take, so it is sold in store only: it stays off sale here.');
  }
  if (p.variants.length === 0) flag('no_variations', 'It has no variations in the point of sale, so there is nothing to sell: it is imported archived.');
  const variants = p.variants.map((v): PlannedVariant => {
    let archived = v.archived || p.inStoreOnly === true;
    let price = v.priceCents;
    if (v.priceCents === null) {
      flag('variable_price', `${v.name === 'Default' ? 'It' : v.name} is priced at the till; it stays off sale here until it has a price in the point of sale.`);
      archived = true;
      price = 0;
    } else if (!Number.isSafeInteger(v.priceCents) || v.priceCents < 0 || v.priceCents > MAX_PRICE_CENTS) {
      flag('price_too_large', `The price of ${v.name} cannot be used here; it stays off sale.`);
      archived = true;
      price = 0;
    } else if (v.currency !== null && v.currency !== ctx.currency) {
      flag('currency', `${v.name} is priced in ${v.currency}, the shop sells in ${ctx.currency}; it stays off sale.`);
      archived = true;
    }
    return {
      extId: v.extId,
      version: v.version,
      name: v.name.slice(0, 120),
      sku: (v.sku ?? generatedSku(prefix, v.extId)).slice(0, 64),
      skuFromPos: v.sku !== null,
      barcode: cleanBarcode(v.barcode),
      priceCents: price ?? 0,
      trackStock: v.tracked,
      archived,
    };
  });
  return {
    extId: p.extId,
    version: p.version,
    updatedAt: p.updatedAt,
    name: p.name.slice(0, 200),
    description: p.description.slice(0, 5000),
    archived: p.archived || variants.length === 0,
    categoryExtId: p.categoryExtId,
    // a POS without rates on products (Shopify): taxable items take the shop's own standard rates
    taxClass: taxes.length > 0 && taxes.every((t) => t.rateBps === null) ? 'standard' : taxClassFor(prefix, taxes.map((t) => t.extId)),
    taxes: taxes.filter((t) => t.rateBps !== null),
    variants,
    editUrl: p.editUrl,
    attention,
  };
}

const INTEGER = /^-?\d+$/;

/**
 * Whether an object's version is newer than the one applied. Square versions are int64 (compared as big integers,
 * never as floats); Shopify's are `updatedAt` times (compared as instants, and with a tombstone's ms); anything else
 * (Toast: a content hash) is newer when it differs.
 */
export function newerVersion(incoming: string, stored: string | null): boolean {
  if (stored === null) return true;
  if (INTEGER.test(incoming) && INTEGER.test(stored)) return BigInt(incoming) > BigInt(stored);
  // a time against an integer: a Shopify tombstone (archiveDeleted keeps tombstone versions as integers, Shopify's
  // being the deletion time in ms) against a product's update time — an edit older than the delete must not revive it
  const a = INTEGER.test(incoming) ? Number(incoming) : Date.parse(incoming);
  const b = INTEGER.test(stored) ? Number(stored) : Date.parse(stored);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a > b;
  return incoming !== stored;
}
