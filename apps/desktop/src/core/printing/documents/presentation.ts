import { mulCents, type AmountLine, type ReceiptLine, type SaleReceiptDocument, type TaxRow } from '@makeries/shared';
import type { DocumentContext } from './context';

/**
 * How money is shown on a receipt, the same for a sale and for its refund (one code path, so they cannot
 * drift): each line at its price in the shop's tax mode (before tax when prices exclude tax, with tax when
 * they include it), its discounts under it, a subtotal of those prices, one tax row per rate ("VAT 20% on
 * 15.00" when tax is added, "VAT 20% of 18.00" when it is included), and a total the customer pays or gets back.
 */
export interface PricedLine {
  name: string;
  variantName: string;
  soldBy: 'each' | 'weight';
  /** items, or grams for weight lines */
  quantity: number;
  /** per item or per kg, in the shop's tax mode (the sale line's snapshot) */
  unitPriceCents: number;
  /** what the customer pays (or gets back) for the line, tax included */
  totalCents: number;
  /** the tax inside `totalCents` */
  taxCents: number;
  taxRateBps: number;
  note: string;
  /** the line's own discounts by name (a sale's "Discount 5%"); absent (a refund), whatever the line's share
   *  of the listed price was not charged is shown as one "Discount" row */
  discounts?: AmountLine[];
}

/** A sale line's snapshot as a priced line (a refund passes the part it gives back). */
export function pricedLine(
  l: Pick<PricedLine, 'name' | 'variantName' | 'soldBy' | 'quantity' | 'unitPriceCents' | 'totalCents' | 'taxCents' | 'taxRateBps' | 'note'>,
): PricedLine {
  return { name: l.name, variantName: l.variantName, soldBy: l.soldBy, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: l.totalCents, taxCents: l.taxCents, taxRateBps: l.taxRateBps, note: l.note };
}

export type ReceiptBody = Pick<SaleReceiptDocument, 'taxMode' | 'lines' | 'subtotalCents' | 'orderDiscounts' | 'discountCents' | 'taxes' | 'taxCents' | 'totalCents'>;

/** One row per tax rate: Σ of the lines at that rate, so the rows add up to the document's tax exactly. */
function taxRows(ctx: DocumentContext, lines: readonly { taxRateBps: number; taxCents: number; totalCents: number }[]): TaxRow[] {
  const byRate = new Map<number, { taxCents: number; grossCents: number }>();
  for (const l of lines) {
    const r = byRate.get(l.taxRateBps) ?? { taxCents: 0, grossCents: 0 };
    r.taxCents += l.taxCents;
    r.grossCents += l.totalCents;
    byRate.set(l.taxRateBps, r);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBps, r]) => ({ label: ctx.taxLabel(rateBps), rateBps, netCents: r.grossCents - r.taxCents, taxCents: r.taxCents, grossCents: r.grossCents }));
}

function receiptLine(l: PricedLine, taxMode: 'inclusive' | 'exclusive'): ReceiptLine {
  const line = { name: l.name, variantName: l.variantName, soldBy: l.soldBy, quantity: l.quantity, unitPriceCents: l.unitPriceCents, taxRateBps: l.taxRateBps, note: l.note };
  const listed = mulCents(l.unitPriceCents, l.quantity, l.soldBy === 'weight' ? 1000 : 1);
  if (l.discounts) return { ...line, grossCents: listed, discounts: l.discounts, totalCents: l.totalCents };
  // what the line costs in the shop's price basis once every discount is off; the rest of the listed price is the discount
  const charged = taxMode === 'exclusive' ? l.totalCents - l.taxCents : l.totalCents;
  const discounts = listed > charged ? [{ label: 'Discount', amountCents: listed - charged }] : [];
  return { ...line, grossCents: Math.max(listed, charged), discounts, totalCents: l.totalCents };
}

/**
 * The money part of a receipt or refund slip. `orderDiscounts` (a sale's "Order discount 10%") are listed once
 * under the lines, whose own discounts then leave their share of it out.
 */
export function receiptBody(ctx: DocumentContext, taxMode: 'inclusive' | 'exclusive', priced: readonly PricedLine[], orderDiscounts: AmountLine[] = []): ReceiptBody {
  const lines = priced.map((l) => receiptLine(l, taxMode));
  const taxes = taxRows(ctx, priced);
  const lineDiscounts = lines.reduce((s, l) => s + l.discounts.reduce((n, d) => n + d.amountCents, 0), 0);
  const orderCents = orderDiscounts.reduce((s, d) => s + d.amountCents, 0);
  return {
    taxMode,
    lines,
    subtotalCents: lines.reduce((s, l) => s + l.grossCents, 0),
    orderDiscounts,
    discountCents: lineDiscounts + orderCents,
    taxes,
    taxCents: taxes.reduce((s, t) => s + t.taxCents, 0),
    totalCents: priced.reduce((s, l) => s + l.totalCents, 0),
  };
}
