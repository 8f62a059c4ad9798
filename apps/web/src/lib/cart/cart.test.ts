import { describe, expect, it } from 'vitest';
import { addToCart, cartCount, EMPTY_CART, parseCart, removeLine, removeVendors, setChoice, setQuantity } from './cart';
import { line } from './test-support';


describe('cart', () => {
  it('adds to an existing line, caps quantities and counts weighed items once', () => {
    let cart = addToCart(EMPTY_CART, line({ quantity: 2 }));
    cart = addToCart(cart, line({ quantity: 3 }));
    cart = addToCart(cart, line({ variantId: 'v-cheese', soldBy: 'weight', quantity: 250, unitPriceCents: 2400 }));
    expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([['v-bread', 5], ['v-cheese', 250]]);
    expect(cartCount(cart)).toBe(6);
    expect(addToCart(cart, line({ quantity: 500 })).lines[0]?.quantity).toBe(99);
  });

  it('a quantity of 0 or removing the last line of a shop forgets that shop’s pickup choice', () => {
    let cart = addToCart(EMPTY_CART, line());
    cart = addToCart(cart, line({ variantId: 'v-jam', vendorId: 'deli', vendorSlug: 'deli' }));
    cart = setChoice(cart, 'bakery', { type: 'pickup', pickupAt: '2025-06-14T10:00:00Z' });
    cart = setChoice(cart, 'deli', { type: 'delivery', pickupAt: null });
    cart = setQuantity(cart, 'v-bread', 0);
    expect(cart.lines.map((l) => l.variantId)).toEqual(['v-jam']);
    expect(Object.keys(cart.choices)).toEqual(['deli']);
    expect(removeLine(cart, 'v-jam')).toEqual(EMPTY_CART);
    expect(removeVendors(cart, ['deli'])).toEqual(EMPTY_CART);
  });

  it('reads back what it stored and drops anything malformed', () => {
    const cart = setChoice(addToCart(EMPTY_CART, line()), 'bakery', { type: 'pickup', pickupAt: null });
    expect(parseCart(JSON.stringify(cart))).toEqual(cart);
    const tampered = JSON.stringify({ lines: [line(), { ...line(), quantity: -1 }, { nope: 1 }], choices: { bakery: { type: 'drone' }, ghost: { type: 'pickup', pickupAt: null } } });
    expect(parseCart(tampered)).toEqual({ lines: [line()], choices: {} });
    expect(parseCart('{oops')).toEqual(EMPTY_CART);
    expect(parseCart(null)).toEqual(EMPTY_CART);
  });
});
