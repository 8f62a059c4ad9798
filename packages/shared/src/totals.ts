/**
 * Cart and order totals (DESIGN §3). The one implementation behind the counter's screen, the storefront's cart
 * and the server's stored order, so all three agree to the minor unit:
 *   1. line gross = unit price × quantity (half-up; weight items are grams at a per-kg price)
 *   2. line discount, clamped to the line gross
 *   3. order discount, clamped to what is left, allocated over lines by their amounts (leftover units to
 *      the largest lines)
 *   4. adjustments (a promo code, then a loyalty reward: `CartInput.adjustments` in the order given), each clamped
 *      to what is left after the ones before it and allocated over lines the same way
 *   5. tax per line on what is left, half-up; order tax = Σ line taxes
 *   6. delivery fee added untaxed. Cash rounding is separate: it applies only to a cash tender.
 */
import { AppError, type ErrorIssue } from './errors';
import { allocate, cents, mulCents, percentOf, roundHalfUp, sumCents, ZERO, type Cents } from './money';
import { MAX_TAX_RATE_BPS, taxForAmount } from './tax';
import type { TaxMode } from './schemas/vendors';

export type Discount = { kind: 'amount'; amountCents: number } | { kind: 'percent'; bps: number };

export interface CartLineInput {
  key: string;
  unitPriceCents: number;
  quantity: number;
  /** 1 for items sold each; 1000 for weight items (quantity in grams, unit price per kg) */
  quantityScale?: number;
  taxRatesBps: readonly number[];
  discount?: Discount;
}

/**
 * A discount from outside the till's own discounts — a promo code, a loyalty reward — named by `key` (e.g.
 * 'promo', 'loyalty') so each line's share of it can be shown, stored and refunded.
 */
export interface CartAdjustment {
  key: string;
  discount: Discount;
}

export interface CartInput {
  currency: string;
  taxMode: TaxMode;
  lines: readonly CartLineInput[];
  orderDiscount?: Discount;
  /** applied after the order discount, in this order; keys are unique */
  adjustments?: readonly CartAdjustment[];
  deliveryFeeCents?: number;
}

export interface AdjustmentShare {
  key: string;
  cents: Cents;
}

export interface LineTotals {
  key: string;
  /** unit price × quantity, before discounts */
  grossCents: Cents;
  lineDiscountCents: Cents;
  /** this line's share of the order discount */
  orderDiscountCents: Cents;
  /** this line's share of each adjustment, in the input's order (empty without adjustments) */
  adjustments: AdjustmentShare[];
  /** line + order discount + adjustments */
  discountCents: Cents;
  /** gross − discounts: what the customer pays for the line, excluding exclusive tax */
  netCents: Cents;
  taxCents: Cents;
  /** what the customer pays for the line including tax */
  totalCents: Cents;
  /** Σ of the line's tax rates */
  taxRateBps: number;
}

export interface CartTotals {
  currency: string;
  taxMode: TaxMode;
  lines: LineTotals[];
  /** Σ line gross */
  subtotalCents: Cents;
  /** every discount: line, order and adjustments */
  discountCents: Cents;
  /** what each adjustment took off in all (after clamping), in the input's order */
  adjustments: AdjustmentShare[];
  taxCents: Cents;
  deliveryFeeCents: Cents;
  /** Σ line totals + delivery fee */
  totalCents: Cents;
}

/** A BAD_INPUT naming the line a person would recognise ("Line 2: …") plus the machine path for forms. */
function bad(path: string, message: string): AppError {
  const issue: ErrorIssue = { path, message };
  const line = /^lines\.(\d+)\./.exec(path);
  const prefix = line ? `Line ${Number(line[1]) + 1}: ` : '';
  return new AppError('BAD_INPUT', `${prefix}${message}.`, { issues: [issue] });
}

function nonNegativeInt(v: number, path: string, what: string): number {
  if (!Number.isSafeInteger(v) || v < 0) throw bad(path, `${what} must be a whole number of at least 0`);
  return v;
}

function validateDiscount(d: Discount | undefined, path: string): void {
  if (!d) return;
  if (d.kind === 'amount') nonNegativeInt(d.amountCents, `${path}.amountCents`, 'A discount amount');
  else if (d.kind === 'percent') {
    if (!Number.isInteger(d.bps) || d.bps < 0 || d.bps > 10_000) {
      throw bad(`${path}.bps`, 'A percentage discount must be 0–10000 basis points (0–100%)');
    }
  } else throw bad(`${path}.kind`, 'A discount is either an amount or a percentage');
}

function validateLine(line: CartLineInput, i: number): void {
  const p = `lines.${i}`;
  if (typeof line.key !== 'string' || line.key === '') throw bad(`${p}.key`, 'Each line needs a key');
  nonNegativeInt(line.unitPriceCents, `${p}.unitPriceCents`, 'A unit price');
  nonNegativeInt(line.quantity, `${p}.quantity`, 'A quantity');
  const scale = line.quantityScale ?? 1;
  if (!Number.isSafeInteger(scale) || scale < 1) throw bad(`${p}.quantityScale`, 'A quantity scale must be 1 or more');
  line.taxRatesBps.forEach((r, j) => {
    if (!Number.isInteger(r) || r < 0 || r > MAX_TAX_RATE_BPS) {
      throw bad(`${p}.taxRatesBps.${j}`, `Tax rates are 0–10000 basis points (0–100%); got ${String(r)}`);
    }
  });
  validateDiscount(line.discount, `${p}.discount`);
}

function validateCart(input: CartInput): void {
  if (!/^[A-Z]{3}$/.test(input.currency)) throw bad('currency', 'Currency must be a 3-letter ISO code like GBP');
  if (input.taxMode !== 'inclusive' && input.taxMode !== 'exclusive') {
    throw bad('taxMode', 'Tax mode must be inclusive or exclusive');
  }
  input.lines.forEach(validateLine);
  validateDiscount(input.orderDiscount, 'orderDiscount');
  const seen = new Set<string>();
  (input.adjustments ?? []).forEach((a, i) => {
    if (typeof a.key !== 'string' || a.key === '' || seen.has(a.key)) throw bad(`adjustments.${i}.key`, 'Each adjustment needs its own key');
    seen.add(a.key);
    validateDiscount(a.discount, `adjustments.${i}.discount`);
  });
  nonNegativeInt(input.deliveryFeeCents ?? 0, 'deliveryFeeCents', 'A delivery fee');
}

/** The discount in minor units, never more than `base` (a £5 voucher on a £3 basket takes £3). */
export function discountAmount(discount: Discount | undefined, base: number): Cents {
  if (!discount || base <= 0) return ZERO;
  const raw = discount.kind === 'amount' ? discount.amountCents : percentOf(base, discount.bps);
  return cents(Math.min(raw, base));
}

export function computeTotals(input: CartInput): CartTotals {
  validateCart(input);
  const gross = input.lines.map((l) => mulCents(l.unitPriceCents, l.quantity, l.quantityScale ?? 1));
  const lineDiscounts = input.lines.map((l, i) => discountAmount(l.discount, gross[i] ?? 0));
  const afterLine = gross.map((g, i) => cents(g - (lineDiscounts[i] ?? 0)));
  const orderDiscount = discountAmount(input.orderDiscount, sumCents(afterLine));
  // shares never exceed their weights because the discount is clamped to Σ weights
  const orderShares = input.lines.length === 0 ? [] : allocate(orderDiscount, afterLine);

  // each adjustment takes from what the ones before it left, clamped and allocated like the order discount
  let remaining = afterLine.map((a, i) => cents(a - (orderShares[i] ?? 0)));
  const adjustmentShares: Cents[][] = [];
  const adjustmentTotals: AdjustmentShare[] = [];
  for (const adj of input.adjustments ?? []) {
    const amount = discountAmount(adj.discount, sumCents(remaining));
    const shares = input.lines.length === 0 ? [] : allocate(amount, remaining);
    adjustmentShares.push(shares);
    adjustmentTotals.push({ key: adj.key, cents: amount });
    remaining = remaining.map((r, i) => cents(r - (shares[i] ?? 0)));
  }

  const lines = input.lines.map((l, i): LineTotals => {
    const lineDiscount = lineDiscounts[i] ?? ZERO;
    const orderShare = orderShares[i] ?? ZERO;
    const adjustments = adjustmentTotals.map((a, k) => ({ key: a.key, cents: adjustmentShares[k]?.[i] ?? ZERO }));
    const net = remaining[i] ?? ZERO;
    const tax = taxForAmount(net, l.taxRatesBps, input.taxMode);
    return {
      key: l.key,
      grossCents: gross[i] ?? ZERO,
      lineDiscountCents: lineDiscount,
      orderDiscountCents: orderShare,
      adjustments,
      discountCents: sumCents([lineDiscount, orderShare, ...adjustments.map((a) => a.cents)]),
      netCents: net,
      taxCents: tax.taxCents,
      totalCents: input.taxMode === 'exclusive' ? tax.grossCents : net,
      taxRateBps: l.taxRatesBps.reduce((s, r) => s + r, 0),
    };
  });

  const deliveryFee = cents(input.deliveryFeeCents ?? 0);
  return {
    currency: input.currency,
    taxMode: input.taxMode,
    lines,
    subtotalCents: sumCents(gross),
    discountCents: sumCents(lines.map((l) => l.discountCents)),
    adjustments: adjustmentTotals,
    taxCents: sumCents(lines.map((l) => l.taxCents)),
    deliveryFeeCents: deliveryFee,
    totalCents: sumCents([...lines.map((l) => l.totalCents), deliveryFee]),
  };
}

/**
 * Rounds a cash amount to the nearest `incrementCents` (half-up), e.g. 5: 1.02 → 1.00, 1.03 → 1.05.
 * `roundingCents` is the rounding line on the receipt (rounded − amount). Increment 0 or 1 = no rounding.
 */
export function cashRounding(amount: number, incrementCents: number): { roundedCents: Cents; roundingCents: Cents } {
  const a = cents(amount);
  if (!Number.isSafeInteger(incrementCents) || incrementCents < 0) {
    throw new AppError('BAD_INPUT', `A cash rounding increment is a whole number of cents of at least 0; got ${String(incrementCents)}.`);
  }
  if (incrementCents <= 1) return { roundedCents: a, roundingCents: ZERO };
  const rounded = cents(roundHalfUp(a, incrementCents) * incrementCents);
  return { roundedCents: rounded, roundingCents: cents(rounded - a) };
}

/**
 * The cash part of a sale split between cards and cash (DESIGN §3): cards pay exact amounts first and never give
 * change; cash pays what is left, rounded to the shop's increment. The payment dialog asks for it and the counter
 * records it by this one rule.
 */
export function cashPartDue(totalCents: number, cardCents: number, incrementCents: number): { roundedCents: Cents; roundingCents: Cents } {
  return cashRounding(Math.max(0, totalCents - cardCents), incrementCents);
}
