import { describe, expect, it } from 'vitest';
import { stockFits } from './stock-fit';
import { line } from './test-support';
import type { CartLineView } from './view';

function view(over: Partial<CartLineView>): CartLineView {
  return { ...line({}), priceChangedFrom: null, missing: false, shortOf: null, problem: null, totals: null, ...over };
}

describe('lowering a cart line to the stock left', () => {
  it('lowers 22 to the 21 left and says so', () => {
    expect(stockFits([view({ variantId: 'fudge', quantity: 22, shortOf: { available: 21 } })])).toEqual([
      { variantId: 'fudge', quantity: 21, note: 'Only 21 left, so the quantity is now 21.' },
    ]);
  });

  it('lowers a weight to a whole 5 g step of what is left', () => {
    expect(stockFits([view({ variantId: 'cheddar', soldBy: 'weight', quantity: 1000, shortOf: { available: 752 } })])).toEqual([
      { variantId: 'cheddar', quantity: 750, note: 'Only 752 g left, so the weight is now 750 g.' },
    ]);
  });

  it('leaves alone lines that fit, sold-out lines, lines no longer sold, and a stale answer already applied', () => {
    expect(
      stockFits([
        view({ variantId: 'a', quantity: 3 }),
        view({ variantId: 'b', quantity: 3, shortOf: { available: 0 } }),
        view({ variantId: 'c', quantity: 3, shortOf: { available: 1 }, missing: true }),
        view({ variantId: 'd', quantity: 21, shortOf: { available: 21 } }),
        view({ variantId: 'e', soldBy: 'weight', quantity: 500, shortOf: { available: 40 } }),
      ]),
    ).toEqual([]);
  });
});
