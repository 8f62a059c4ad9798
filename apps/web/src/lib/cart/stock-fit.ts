import { maxOrderGrams, weightLabel } from '@makeries/shared';
import { MAX_EACH } from './cart';
import type { CartLineView } from './view';

/** A line the server says asks for more than is left, lowered to what can be ordered, with the words for it. */
export interface StockFit {
  variantId: string;
  quantity: number;
  note: string;
}

/**
 * The cart's version of the quantity field's rule: a line asking for more than is left is lowered to what is left
 * (a weight to a whole step of what is left), and says so. A line with nothing orderable left is not touched: it
 * keeps its "sold out" problem and the customer decides.
 */
export function stockFits(lines: readonly CartLineView[]): StockFit[] {
  return lines.flatMap((l) => {
    if (!l.shortOf || l.missing) return [];
    const { available } = l.shortOf;
    if (l.soldBy === 'weight') {
      const grams = maxOrderGrams(available);
      return grams > 0 && l.quantity > grams ? [{ variantId: l.variantId, quantity: grams, note: `Only ${weightLabel(available)} left, so the weight is now ${weightLabel(grams)}.` }] : [];
    }
    const most = Math.min(available, MAX_EACH);
    return most > 0 && l.quantity > most ? [{ variantId: l.variantId, quantity: most, note: `Only ${available} left, so the quantity is now ${most}.` }] : [];
  });
}
