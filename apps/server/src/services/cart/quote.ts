import {
  computeTotals,
  GRAMS_PER_KG,
  weightLabel,
  weightOrderProblem,
  type CartInput,
  type CartQuote,
  type CartQuoteFulfilment,
  type CartQuoteInput,
  type CartQuoteLine,
  type CartQuoteProblem,
  type CartQuoteVendor,
} from '@makeries/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inventoryLevels, products, taxRates, variants, vendors } from '../../db/schema/index';
import { lineName, mergeItems, sellableOnline } from '../orders/checkout-load';
import { suspendedShopsOf } from '../orders/offline-shops';
import { checkAvailability, checkMinimum, deliveryZoneFor, type RuleVendor } from '../orders/checkout-rules';
import { mediaUrl } from '../products/reads';
import { quotePromo, type PromoCart } from '../promos/apply';
import { toPublicVendor } from '../vendors';

type VendorRow = typeof vendors.$inferSelect;

interface LineRow {
  variantId: string;
  productId: string;
  vendorId: string;
  productName: string;
  variantName: string;
  priceCents: number;
  taxClass: string;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  onHand: number | null;
  reserved: number | null;
  thumbPath: string | null;
}

/** Variants a customer may buy online, with stock and the first picture: the same rules as checkout. */
async function loadLines(db: DbOrTx, ids: string[]): Promise<LineRow[]> {
  return db
    .select({
      variantId: variants.id,
      productId: products.id,
      vendorId: variants.vendorId,
      productName: products.name,
      variantName: variants.name,
      priceCents: variants.priceCents,
      taxClass: variants.taxClass,
      soldBy: variants.soldBy,
      trackStock: variants.trackStock,
      onHand: inventoryLevels.onHand,
      reserved: inventoryLevels.reserved,
      thumbPath: sql<string | null>`(SELECT pi.thumb_path FROM product_images pi WHERE pi.product_id = ${products.id} ORDER BY pi.sort, pi.id LIMIT 1)`,
    })
    .from(variants)
    .innerJoin(products, and(eq(products.id, variants.productId), eq(products.vendorId, variants.vendorId)))
    .innerJoin(vendors, eq(vendors.id, variants.vendorId))
    .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
    .where(sellableOnline(ids));
}

async function loadRates(db: DbOrTx, vendorIds: string[]): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ vendorId: taxRates.vendorId, taxClass: taxRates.taxClass, rateBps: taxRates.rateBps })
    .from(taxRates)
    .where(inArray(taxRates.vendorId, vendorIds));
  const map = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.vendorId}|${r.taxClass}`;
    map.set(key, [...(map.get(key) ?? []), r.rateBps]);
  }
  return map;
}

function shortOf(row: LineRow, quantity: number): { available: number } | null {
  if (!row.trackStock) return null;
  const available = Math.max(0, (row.onHand ?? 0) - (row.reserved ?? 0));
  return available < quantity ? { available } : null;
}

function vendorOut(row: VendorRow, now: Date, delivery: CartQuoteVendor['delivery']): CartQuoteVendor {
  const v = toPublicVendor(row, now);
  return {
    id: v.id,
    slug: v.slug,
    name: v.name,
    currency: v.currency,
    taxMode: v.taxMode,
    addressLine1: v.addressLine1,
    city: v.city,
    postcode: v.postcode,
    lat: v.lat,
    lng: v.lng,
    timezone: v.timezone,
    openingHours: v.openingHours,
    paused: v.paused,
    pausedReason: v.pausedReason,
    isOpenNow: v.isOpenNow,
    nextOpeningAt: v.nextOpeningAt,
    pickupEnabled: v.pickupEnabled,
    deliveryEnabled: v.deliveryEnabled,
    deliveryZones: v.deliveryZones,
    minOrderCents: v.minOrderCents,
    delivery,
  };
}

/** The shop-level checks of checkout (paused, hours, fulfilment, zone, minimum), collected instead of thrown. */
function vendorProblems(
  vendor: VendorRow,
  f: CartQuoteFulfilment,
  goodsCents: number,
  now: Date,
): { problems: CartQuoteProblem[]; delivery: CartQuoteVendor['delivery'] } {
  const rule: RuleVendor = vendor;
  const unavailable = checkAvailability(rule, { vendorId: f.vendorId, type: f.type, pickupAt: f.pickupAt }, now);
  if (unavailable) return { problems: [unavailable], delivery: null };
  let zone = null;
  let delivery: CartQuoteVendor['delivery'] = null;
  if (f.type === 'delivery' && f.address) {
    const found = deliveryZoneFor(rule, f.address);
    if ('code' in found) return { problems: [found], delivery: null };
    zone = found.zone;
    delivery = { zoneName: zone.name, feeCents: zone.feeCents, minOrderCents: zone.minOrderCents, distanceMeters: found.distanceMeters };
  }
  const belowMinimum = checkMinimum(rule, zone, goodsCents);
  return { problems: belowMinimum ? [belowMinimum] : [], delivery };
}

/**
 * Checks a storefront cart the way checkout will, without reserving or writing anything: the storefront shows
 * current prices and every problem (per shop and per line) before the customer submits.
 */
export async function quoteCart(db: DbOrTx, input: CartQuoteInput, now: Date = new Date(), customerId: string | null = null): Promise<CartQuote> {
  const quotedAt = now.toISOString();
  const merged = mergeItems(input.items);
  if (merged.size === 0) return { vendors: [], lines: [], missingVariantIds: [], problems: [], quotedAt };
  const rows = await loadLines(db, [...merged.keys()]);
  const byVariant = new Map(rows.map((r) => [r.variantId, r]));
  const vendorIds = [...new Set(rows.map((r) => r.vendorId))];
  const [vendorRows, rates] = vendorIds.length
    ? await Promise.all([db.select().from(vendors).where(inArray(vendors.id, vendorIds)), loadRates(db, vendorIds)])
    : [[], new Map<string, number[]>()];

  const lines: CartQuoteLine[] = [];
  const problems: CartQuoteProblem[] = [];
  for (const [variantId, quantity] of merged) {
    const r = byVariant.get(variantId);
    if (!r) continue;
    const short = shortOf(r, quantity);
    lines.push({
      variantId,
      productId: r.productId,
      vendorId: r.vendorId,
      productName: r.productName,
      variantName: r.variantName,
      unitPriceCents: r.priceCents,
      soldBy: r.soldBy,
      taxRatesBps: rates.get(`${r.vendorId}|${r.taxClass}`) ?? [],
      imageThumb: r.thumbPath ? mediaUrl(r.thumbPath) : null,
      shortOf: short,
    });
    const name = lineName(r);
    // the same refusals as checkout: the amount's shape first, then stock
    const badWeight = r.soldBy === 'weight' ? weightOrderProblem(name, quantity) : null;
    if (badWeight) {
      problems.push({ vendorId: r.vendorId, variantId, code: 'BAD_INPUT', message: badWeight });
    } else if (short) {
      const left = r.soldBy === 'weight' ? weightLabel(short.available) : String(short.available);
      const message = short.available > 0 ? `Only ${left} left of ${name}.` : `${name} is sold out.`;
      problems.push({ vendorId: r.vendorId, variantId, code: 'OUT_OF_STOCK', message });
    }
  }

  const chosen = new Map(input.fulfilment.map((f) => [f.vendorId, f]));
  const quotedVendors: CartQuoteVendor[] = [];
  const promoCarts: PromoCart[] = [];
  for (const vendor of vendorRows.sort((a, b) => vendorIds.indexOf(a.id) - vendorIds.indexOf(b.id))) {
    const own = lines.filter((l) => l.vendorId === vendor.id);
    const totalsInput: CartInput = {
      currency: vendor.currency,
      taxMode: vendor.taxMode,
      lines: own.map((l) => ({
        key: l.variantId,
        unitPriceCents: l.unitPriceCents,
        quantity: merged.get(l.variantId) ?? 0,
        quantityScale: l.soldBy === 'weight' ? GRAMS_PER_KG : 1,
        taxRatesBps: l.taxRatesBps,
      })),
    };
    const totals = computeTotals(totalsInput);
    promoCarts.push({ vendorId: vendor.id, vendorName: vendor.name, currency: vendor.currency, input: totalsInput });
    const f: CartQuoteFulfilment = chosen.get(vendor.id) ?? { vendorId: vendor.id, type: vendor.pickupEnabled || !vendor.deliveryEnabled ? 'pickup' : 'delivery' };
    const checked = vendorProblems(vendor, f, totals.totalCents, now);
    problems.push(...checked.problems.map((p) => ({ vendorId: p.vendorId, code: p.code, message: p.message })));
    quotedVendors.push(vendorOut(vendor, now, checked.delivery));
  }
  const missingVariantIds = [...merged.keys()].filter((id) => !byVariant.has(id));
  // a suspended shop's items are missing too, but the customer is told why, by the shop's name
  for (const shop of await suspendedShopsOf(db, missingVariantIds)) {
    problems.push({ vendorId: shop.vendorId, code: 'VENDOR_PAUSED', message: shop.message });
  }
  const promo = input.promoCode ? await quotePromo(db, input.promoCode, promoCarts, { customerId, email: null }, now) : null;
  return { vendors: quotedVendors, lines, missingVariantIds, problems, quotedAt, promo };
}
