import { formatRate, type AdjustmentShare, type AmountLine, type Discount } from '@makeries/shared';
import { cartById, activeLines, type CartRow } from '../../cart/store';
import { cartTotals, discountOf } from '../../cart/view';
import { vendorSettings } from '../../catalog/vendor';
import { cartPromo, PROMO_KEY } from '../../promos/cart-promo';
import type { CounterDb } from '../../db/open';
import type { SaleView } from '../../sales/views';

export interface DiscountSplit {
  /** each line's own discounts, in sale line order */
  perLine: AmountLine[][];
  orderDiscounts: AmountLine[];
}

function label(base: string, d: Discount | null): string {
  return d?.kind === 'percent' ? `${base} ${formatRate(d.bps)}` : base;
}

/**
 * A sale line stores one discount figure: its own discount plus its share of the order discount. The
 * receipt shows them apart ("Discount 5%" under the line, "Order discount 10%" once), so they are recovered
 * from the completed cart with the same shared computeTotals the sale used. If the cart no longer
 * reproduces the sale to the cent, each line simply shows its combined discount: never a wrong figure.
 */
export function discountSplit(db: CounterDb, sale: SaleView): DiscountSplit {
  const combined: DiscountSplit = {
    perLine: sale.lines.map((l) => (l.discountCents > 0 ? [{ label: 'Discount', amountCents: l.discountCents }] : [])),
    orderDiscounts: [],
  };
  if (sale.discountCents === 0) return combined;
  const cart = cartById(db, sale.cartId);
  if (!cart) return combined;
  const lines = activeLines(db, cart.id);
  const orderDiscount = discountOf(cart.discountKind ?? null, cart.discountValue ?? null);
  if (lines.length !== sale.lines.length) return combined;
  // the same totals the sale was made with, promo code and loyalty included (issue 18)
  const totals = cartTotals({ ...vendorSettings(db), currency: sale.currency, taxMode: sale.taxMode }, cart, lines);
  const matches =
    totals.totalCents === sale.totalCents &&
    totals.discountCents === sale.discountCents &&
    totals.lines.every((t, i) => t.totalCents === sale.lines[i]?.totalCents && t.discountCents === sale.lines[i]?.discountCents);
  if (!matches) return combined;
  const orderCents = totals.lines.reduce((s, t) => s + t.orderDiscountCents, 0);
  return {
    perLine: totals.lines.map((t, i) => {
      const own = lines[i] ? discountOf(lines[i].discountKind ?? null, lines[i].discountValue ?? null) : null;
      return t.lineDiscountCents > 0 ? [{ label: label('Discount', own), amountCents: t.lineDiscountCents }] : [];
    }),
    orderDiscounts: [
      ...(orderCents > 0 ? [{ label: label('Order discount', orderDiscount), amountCents: orderCents }] : []),
      ...totals.adjustments.filter((a) => a.cents > 0).map((a) => ({ label: adjustmentLabel(cart, a), amountCents: a.cents })),
    ],
  };
}

/** "Promo code SPRING10", "Loyalty reward": what came off the whole sale from outside the till's own discounts. */
function adjustmentLabel(cart: CartRow, a: AdjustmentShare): string {
  if (a.key === PROMO_KEY) return `Promo code ${cartPromo(cart)?.code ?? ''}`.trim();
  return a.key === 'loyalty' ? 'Loyalty reward' : 'Discount';
}
