import { computeTotals, GRAMS_PER_KG, type CartInput, type CartQuote, type CartQuotePromo, type CartQuoteLine, type CartQuoteVendor, type CartTotals, type LineTotals } from '@makeries/shared';
import type { CartLine, CartState, VendorChoice } from './cart';

/**
 * The cart as the customer sees it: grouped by shop, priced with the shared `computeTotals` (the same maths the
 * server charges), with every known problem attached where it belongs — a line, or a shop.
 */
export interface CartLineView extends CartLine {
  /** the snapshot price differs from today's */
  priceChangedFrom: number | null;
  /** no longer sold online */
  missing: boolean;
  /** null = no stock problem */
  shortOf: { available: number } | null;
  /** why the server would refuse this line as it is, other than stock (e.g. a weight off the 5 g step) */
  problem: string | null;
  totals: LineTotals | null;
}

export interface VendorGroupView {
  vendorId: string;
  vendorSlug: string;
  vendorName: string;
  currency: string;
  vendor: CartQuoteVendor | null;
  choice: VendorChoice;
  lines: CartLineView[];
  totals: CartTotals;
  /** goods only (what the minimum order is measured against) */
  goodsCents: number;
  minimumCents: number;
  /** how much more to add to reach the minimum; 0 when reached */
  shortOfMinimumCents: number;
  /** shop-level problems from the server (paused, closed, no delivery there…) */
  problems: string[];
  /** what the promo code takes off this shop's order (0 without one) */
  promoCents: number;
}

export interface CartView {
  groups: VendorGroupView[];
  totalCents: number;
  currency: string | null;
  /** every line priced by the server and nothing stops checkout */
  ready: boolean;
  /** the server's answer about the cart's promo code (null without one, or before the quote) */
  promo: CartQuotePromo | null;
  /** Σ what the promo takes off */
  promoCents: number;
}

function defaultChoice(vendor: CartQuoteVendor | null): VendorChoice {
  return { type: vendor && !vendor.pickupEnabled && vendor.deliveryEnabled ? 'delivery' : 'pickup', pickupAt: null };
}

function lineView(line: CartLine, quoted: CartQuoteLine | undefined, missing: boolean, problem: string | null): CartLineView {
  const price = quoted?.unitPriceCents ?? line.unitPriceCents;
  return {
    ...line,
    productName: quoted?.productName ?? line.productName,
    variantName: quoted?.variantName ?? line.variantName,
    imageThumb: quoted?.imageThumb ?? line.imageThumb,
    unitPriceCents: price,
    priceChangedFrom: quoted && quoted.unitPriceCents !== line.unitPriceCents ? line.unitPriceCents : null,
    missing,
    shortOf: quoted?.shortOf ?? null,
    problem,
    totals: null,
  };
}

function groupView(vendorId: string, lines: CartLine[], cart: CartState, quote: CartQuote | null): VendorGroupView {
  const first = lines[0];
  if (!first) throw new Error('a cart group needs a line');
  const vendor = quote?.vendors.find((v) => v.id === vendorId) ?? null;
  const choice = cart.choices[vendorId] ?? defaultChoice(vendor);
  const missing = new Set(quote?.missingVariantIds ?? []);
  const quoted = new Map((quote?.lines ?? []).map((l) => [l.variantId, l]));
  const lineProblems = new Map((quote?.problems ?? []).filter((p) => p.variantId && p.code !== 'OUT_OF_STOCK').map((p) => [p.variantId, p.message]));
  const views = lines.map((l) => lineView(l, quoted.get(l.variantId), missing.has(l.variantId), lineProblems.get(l.variantId) ?? null));
  const priced = views.filter((l) => !l.missing);
  const deliveryFeeCents = choice.type === 'delivery' ? (vendor?.delivery?.feeCents ?? 0) : 0;
  const totalsInput: CartInput = {
    currency: vendor?.currency ?? first.currency,
    taxMode: vendor?.taxMode ?? 'inclusive',
    lines: priced.map((l) => ({
      key: l.variantId,
      unitPriceCents: l.unitPriceCents,
      quantity: l.quantity,
      quantityScale: l.soldBy === 'weight' ? GRAMS_PER_KG : 1,
      taxRatesBps: quoted.get(l.variantId)?.taxRatesBps ?? [],
    })),
    deliveryFeeCents,
  };
  const beforePromo = computeTotals(totalsInput);
  // the quote's 'promo' adjustment for this shop, through the same shared totals the server charges with
  const share = quote?.promo?.applied ? quote.promo.shops.find((s) => s.vendorId === vendorId) : undefined;
  const totals = share ? computeTotals({ ...totalsInput, adjustments: [{ key: 'promo', discount: share.discount }] }) : beforePromo;
  const byKey = new Map(totals.lines.map((t) => [t.key, t]));
  for (const l of views) l.totals = byKey.get(l.variantId) ?? null;
  // the shop's minimum order is measured before the promo, as checkout does
  const goodsCents = beforePromo.totalCents - beforePromo.deliveryFeeCents;
  const zoneMinimum = choice.type === 'delivery' ? (vendor?.delivery?.minOrderCents ?? 0) : 0;
  const minimumCents = Math.max(vendor?.minOrderCents ?? 0, zoneMinimum);
  // stock is shown on its line and the minimum is recomputed here as quantities change
  const problems = (quote?.problems ?? [])
    .filter((p) => p.vendorId === vendorId && !p.variantId && p.code !== 'BELOW_MINIMUM')
    .map((p) => p.message);
  return {
    vendorId,
    vendorSlug: vendor?.slug ?? first.vendorSlug,
    vendorName: vendor?.name ?? first.vendorName,
    currency: totals.currency,
    vendor,
    choice,
    lines: views,
    totals,
    goodsCents,
    minimumCents,
    shortOfMinimumCents: Math.max(0, minimumCents - goodsCents),
    problems,
    promoCents: totals.adjustments.find((a) => a.key === 'promo')?.cents ?? 0,
  };
}

/** Shops in the order their first item was added; lines in the order they were added. */
export function groupByVendor(lines: readonly CartLine[]): Map<string, CartLine[]> {
  const groups = new Map<string, CartLine[]>();
  for (const l of lines) groups.set(l.vendorId, [...(groups.get(l.vendorId) ?? []), l]);
  return groups;
}

export function buildCartView(cart: CartState, quote: CartQuote | null): CartView {
  const groups = [...groupByVendor(cart.lines)].map(([vendorId, lines]) => groupView(vendorId, lines, cart, quote));
  const currencies = new Set(groups.map((g) => g.currency));
  const quotedIds = new Set([...(quote?.lines ?? []).map((l) => l.variantId), ...(quote?.missingVariantIds ?? [])]);
  const ready =
    quote !== null &&
    groups.length > 0 &&
    currencies.size === 1 &&
    cart.lines.every((l) => quotedIds.has(l.variantId)) &&
    groups.every(
      (g) =>
        g.problems.length === 0 &&
        g.shortOfMinimumCents === 0 &&
        g.vendor !== null &&
        g.lines.every((l) => !l.missing && !l.shortOf && !l.problem) &&
        (g.choice.type === 'pickup' || g.vendor.delivery !== null),
    ) &&
    // a code the server refused would refuse the checkout: the customer removes it (or fixes the cart) first
    (!cart.promoCode || quote.promo?.applied === true);
  return {
    groups,
    totalCents: groups.reduce((s, g) => s + g.totals.totalCents, 0),
    currency: currencies.size === 1 ? ([...currencies][0] ?? null) : null,
    ready,
    promo: cart.promoCode && quote?.promo?.code === cart.promoCode ? quote.promo : null,
    promoCents: groups.reduce((s, g) => s + g.promoCents, 0),
  };
}
