import {
  cashRounding,
  computeTotals,
  formatMoney,
  type CartLineInput,
  type CartTotals,
  type Discount,
  type LineTotals,
} from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { cartLoyaltyAdjustments } from '../loyalty/cart-loyalty';
import { cartPromo, cartPromoAdjustments, promoShortfall, PROMO_KEY, type CartPromoView } from '../promos/cart-promo';
import { vendorSettings, type VendorSettings } from '../catalog/vendor';
import { activeLines, type CartLineRow, type CartRow } from './store';

interface CartLineView {
  id: string;
  position: number;
  variantId: string | null;
  productId: string | null;
  name: string;
  variantName: string;
  sku: string;
  soldBy: 'each' | 'weight';
  unitPriceCents: number;
  /** items, or grams for weight lines */
  quantity: number;
  taxRatesBps: number[];
  discount: Discount | null;
  note: string;
  totals: LineTotals;
}

export interface CartView {
  id: string;
  status: CartRow['status'];
  staffId: string;
  customerId: string | null;
  customerName: string | null;
  note: string;
  parkedLabel: string | null;
  discount: Discount | null;
  /** the shop's promo code on the sale (issue 18) and what it takes off, or why not yet */
  promo: CartPromoView | null;
  lines: CartLineView[];
  totals: CartTotals;
  /** what a customer paying all in cash hands over: the total after the vendor's cash rounding */
  cashDueCents: number;
  cashRoundingCents: number;
  /** the shop's cash increment: the cash part after a card payment is rounded to it as well */
  cashIncrementCents: number;
}

export function discountOf(kind: 'amount' | 'percent' | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null;
  return kind === 'amount' ? { kind, amountCents: value } : { kind, bps: value };
}

/** Weight lines are grams at a per-kg price, hence scale 1000 (shared computeTotals rule). */
function toTotalsLine(l: CartLineRow): CartLineInput {
  const discount = discountOf(l.discountKind ?? null, l.discountValue ?? null);
  return {
    key: l.id,
    unitPriceCents: l.unitPriceCents,
    quantity: l.quantity,
    quantityScale: l.soldBy === 'weight' ? 1000 : 1,
    taxRatesBps: l.taxRatesBps,
    ...(discount ? { discount } : {}),
  };
}

/** Totals only ever come from shared computeTotals, so the screen, receipt and server agree to the cent. */
export function cartTotals(vendor: VendorSettings, cart: CartRow, lines: readonly CartLineRow[]): CartTotals {
  const orderDiscount = discountOf(cart.discountKind ?? null, cart.discountValue ?? null);
  const input = { currency: vendor.currency, taxMode: vendor.taxMode, lines: lines.map(toTotalsLine), ...(orderDiscount ? { orderDiscount } : {}) };
  // a promo code's minimum basket is measured on the goods before any adjustment
  const promo = cart.promo ? cartPromoAdjustments(cart, goodsBeforeAdjustments(vendor, cart, lines)) : [];
  return computeTotals({ ...input, adjustments: [...promo, ...cartLoyaltyAdjustments(cart)] });
}

/** The sale's total before promo code and loyalty (after the till's own discounts). */
export function goodsBeforeAdjustments(vendor: VendorSettings, cart: CartRow, lines: readonly CartLineRow[]): number {
  const orderDiscount = discountOf(cart.discountKind ?? null, cart.discountValue ?? null);
  return computeTotals({ currency: vendor.currency, taxMode: vendor.taxMode, lines: lines.map(toTotalsLine), ...(orderDiscount ? { orderDiscount } : {}) }).totalCents;
}

function promoView(vendor: VendorSettings, cart: CartRow, lines: readonly CartLineRow[], totals: CartTotals): CartPromoView | null {
  const p = cartPromo(cart);
  if (!p) return null;
  const goods = goodsBeforeAdjustments(vendor, cart, lines);
  const reason = promoShortfall(p, goods, cart.customerId ?? null, (c) => formatMoney(c, vendor.currency));
  const cents = totals.adjustments.find((a) => a.key === PROMO_KEY)?.cents ?? 0;
  return { code: p.code, description: p.description, cents, reason };
}

export function buildCartView(db: CounterDb, cart: CartRow): CartView {
  const vendor = vendorSettings(db);
  const lines = activeLines(db, cart.id);
  const totals = cartTotals(vendor, cart, lines);
  const cash = cashRounding(totals.totalCents, vendor.cashRoundingCents);
  return {
    id: cart.id,
    status: cart.status,
    staffId: cart.staffId,
    customerId: cart.customerId ?? null,
    customerName: cart.customerName ?? null,
    note: cart.note,
    parkedLabel: cart.parkedLabel ?? null,
    discount: discountOf(cart.discountKind ?? null, cart.discountValue ?? null),
    promo: promoView(vendor, cart, lines, totals),
    lines: lines.map((l, i) => ({
      id: l.id,
      position: l.position,
      variantId: l.variantId ?? null,
      productId: l.productId ?? null,
      name: l.name,
      variantName: l.variantName,
      sku: l.sku,
      soldBy: l.soldBy,
      unitPriceCents: l.unitPriceCents,
      quantity: l.quantity,
      taxRatesBps: l.taxRatesBps,
      discount: discountOf(l.discountKind ?? null, l.discountValue ?? null),
      note: l.note,
      totals: totals.lines[i] as LineTotals,
    })),
    totals,
    cashDueCents: cash.roundedCents,
    cashRoundingCents: cash.roundingCents,
    cashIncrementCents: vendor.cashRoundingCents,
  };
}
