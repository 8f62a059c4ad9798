import type { CartQuote } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { addToCart, EMPTY_CART, parseCart, setPromoCode } from './cart';
import { checkoutInput, quoteInput } from './requests';
import { line } from './test-support';
import { buildCartView } from './view';

const cart = setPromoCode(
  addToCart(addToCart(EMPTY_CART, line({ quantity: 2 })), line({ variantId: 'v-roll', productId: 'p-roll', productName: 'Roll', unitPriceCents: 150 })),
  ' bake10 ',
);

function quoteWith(promo: CartQuote['promo']): CartQuote {
  return {
    vendors: [
      {
        id: 'bakery', slug: 'bakery', name: 'Bakery', currency: 'GBP', taxMode: 'inclusive', addressLine1: '1 High St', city: 'Bristol', postcode: 'BS1 1AA', lat: 51.45, lng: -2.59,
        timezone: 'Europe/London', openingHours: [], paused: false, pausedReason: null, isOpenNow: true, nextOpeningAt: null, pickupEnabled: true, deliveryEnabled: false,
        deliveryZones: [], minOrderCents: 800, delivery: null,
      },
    ],
    lines: [
      { variantId: 'v-bread', productId: 'p-bread', vendorId: 'bakery', productName: 'Sourdough', variantName: 'Default', unitPriceCents: 350, soldBy: 'each', taxRatesBps: [2000], imageThumb: null, shortOf: null },
      { variantId: 'v-roll', productId: 'p-roll', vendorId: 'bakery', productName: 'Roll', variantName: 'Default', unitPriceCents: 150, soldBy: 'each', taxRatesBps: [2000], imageThumb: null, shortOf: null },
    ],
    missingVariantIds: [],
    problems: [],
    quotedAt: '2026-05-01T10:00:00.000Z',
    promo,
  };
}

describe('the cart with a promo code', () => {
  it('keeps the code (upper case) in the cart, in localStorage, in the quote and in the checkout request', () => {
    expect(cart.promoCode).toBe('BAKE10');
    expect(parseCart(JSON.stringify(cart)).promoCode).toBe('BAKE10');
    expect(quoteInput(cart, null).promoCode).toBe('BAKE10');
    expect(setPromoCode(cart, null).promoCode).toBeUndefined();
  });

  it('shows the saving per line and per shop with the shared totals; the shop minimum is measured before it', () => {
    const view = buildCartView(cart, quoteWith({ code: 'BAKE10', applied: true, reason: null, refusal: null, description: '', fundedBy: 'shop', shops: [{ vendorId: 'bakery', discount: { kind: 'percent', bps: 1000 }, cents: 85 }], totalCents: 85 }));
    const g = view.groups[0];
    // 2 × 3.50 + 1.50 = 8.50; 10% = 0.85 split 70 / 15 over the lines
    expect(g?.lines.map((l) => l.totals?.adjustments)).toEqual([[{ key: 'promo', cents: 70 }], [{ key: 'promo', cents: 15 }]]);
    expect(g?.totals.totalCents).toBe(765);
    expect(g?.shortOfMinimumCents).toBe(0);
    expect(view).toMatchObject({ promoCents: 85, totalCents: 765, ready: true });
    expect(checkoutInput(view, { name: 'A', email: 'a@example.test', phone: '' }, null, '', 'k').promoCode).toBe('BAKE10');
  });

  it('a refused code stops checkout until it is removed, and is not sent', () => {
    const view = buildCartView(cart, quoteWith({ code: 'BAKE10', applied: false, reason: 'The code BAKE10 has been used up.', refusal: 'used_up', description: '', fundedBy: 'shop', shops: [], totalCents: 0 }));
    expect(view).toMatchObject({ ready: false, promoCents: 0, totalCents: 850 });
    expect(view.promo?.reason).toBe('The code BAKE10 has been used up.');
    expect(checkoutInput(view, { name: 'A', email: 'a@example.test', phone: '' }, null, '', 'k').promoCode).toBeUndefined();
  });
});
