import { describe, expect, it } from 'vitest';
import { mostAddable, readQuantity } from './quantity';

const none = { left: null, inCart: 0 };

describe('the quantity field', () => {
  it('keeps a whole number that can be ordered as typed, with nothing to say', () => {
    expect(readQuantity('3', none)).toEqual({ quantity: 3, note: null });
    expect(readQuantity(21, { left: 21, inCart: 0 })).toEqual({ quantity: 21, note: null });
    expect(readQuantity(99, none)).toEqual({ quantity: 99, note: null });
  });

  it('clamps to what is left and says so: 99 typed with 21 left is 21', () => {
    expect(readQuantity('99', { left: 21, inCart: 0 })).toEqual({ quantity: 21, note: 'Only 21 left, so the quantity is now 21.' });
    expect(readQuantity(30, { left: 21, inCart: 5 })).toEqual({ quantity: 16, note: 'Only 21 left and 5 already in your cart, so 16 more can be added.' });
    expect(readQuantity(1, { left: 21, inCart: 21 })).toEqual({ quantity: 0, note: 'Only 21 left, and all 21 are already in your cart.' });
    expect(readQuantity(1, { left: 0, inCart: 0 })).toEqual({ quantity: 0, note: 'Sold out for now.' });
  });

  it('clamps to the per-order limit when the shop does not count stock', () => {
    expect(readQuantity(150, none)).toEqual({ quantity: 99, note: 'Up to 99 per order, so the quantity is now 99.' });
    expect(readQuantity(150, { left: 500, inCart: 0 })).toEqual({ quantity: 99, note: 'Up to 99 per order, so the quantity is now 99.' });
    expect(readQuantity(10, { left: null, inCart: 95 })).toEqual({ quantity: 4, note: 'Up to 99 per order and 95 already in your cart, so 4 more can be added.' });
    expect(readQuantity(1, { left: null, inCart: 99 })).toEqual({ quantity: 0, note: 'Up to 99 per order, and 99 are already in your cart.' });
  });

  it('corrects 0, negatives, fractions and empty entries visibly, never silently', () => {
    expect(readQuantity('0', none)).toEqual({ quantity: 1, note: 'You can order at least 1, so the quantity is now 1.' });
    expect(readQuantity(-3, none)).toEqual({ quantity: 1, note: 'You can order at least 1, so the quantity is now 1.' });
    expect(readQuantity('2.5', none)).toEqual({ quantity: 2, note: 'Items come whole, so the quantity is now 2.' });
    expect(readQuantity('2,5', none)).toEqual({ quantity: 2, note: 'Items come whole, so the quantity is now 2.' });
    expect(readQuantity(0.5, none)).toEqual({ quantity: 1, note: 'You can order at least 1, so the quantity is now 1.' });
    expect(readQuantity(22.5, { left: 21, inCart: 0 })).toEqual({ quantity: 21, note: 'Only 21 left, so the quantity is now 21.' });
    expect(readQuantity('', none)).toEqual({ quantity: 1, note: 'Enter how many you would like, at least 1.' });
    expect(readQuantity('abc', none)).toEqual({ quantity: 1, note: 'Enter how many you would like, at least 1.' });
  });

  it('knows how many more fit in the cart', () => {
    expect(mostAddable(none)).toBe(99);
    expect(mostAddable({ left: 21, inCart: 4 })).toBe(17);
    expect(mostAddable({ left: 3, inCart: 5 })).toBe(0);
  });
});
