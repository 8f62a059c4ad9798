import type { ReorderLine } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { addToCart, EMPTY_CART } from './cart';
import { addReorderLines } from './reorder';
import { line } from './test-support';

function again(over: Partial<ReorderLine> = {}): ReorderLine {
  const { quantity, ...base } = line({ unitPriceCents: 320 });
  return { ...base, quantity, orderedQuantity: quantity, previousUnitPriceCents: null, note: null, ...over };
}

describe('order this again in the cart', () => {
  it('adds each line at today’s price, to what is already in the cart, keeping only cart fields', () => {
    const cart = addToCart(EMPTY_CART, line({ quantity: 1, unitPriceCents: 290 }));
    const next = addReorderLines(cart, [again({ quantity: 2, previousUnitPriceCents: 290, note: 'Now £3.20, was £2.90.' }), again({ variantId: 'v-jam', vendorId: 'deli', quantity: 1 })]);
    expect(next.lines).toEqual([line({ quantity: 3, unitPriceCents: 320 }), line({ variantId: 'v-jam', vendorId: 'deli', quantity: 1, unitPriceCents: 320 })]);
    expect(addReorderLines(cart, [])).toBe(cart);
  });
});
