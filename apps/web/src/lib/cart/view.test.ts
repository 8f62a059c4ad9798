import type { CartQuote, CartQuoteVendor } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { addToCart, EMPTY_CART, setChoice, type CartState } from './cart';
import { line } from './test-support';
import { buildCartView, groupByVendor } from './view';

function vendor(over: Partial<CartQuoteVendor>): CartQuoteVendor {
  return {
    id: 'bakery',
    slug: 'bakery',
    name: 'Bakery',
    currency: 'GBP',
    taxMode: 'inclusive',
    addressLine1: '1 High St',
    city: 'Bristol',
    postcode: 'BS1 1AA',
    lat: 51.45,
    lng: -2.59,
    timezone: 'Europe/London',
    openingHours: [],
    paused: false,
    pausedReason: null,
    isOpenNow: true,
    nextOpeningAt: null,
    pickupEnabled: true,
    deliveryEnabled: false,
    deliveryZones: [],
    minOrderCents: 0,
    delivery: null,
    ...over,
  };
}

function twoShopCart(): CartState {
  let cart = addToCart(EMPTY_CART, line({ quantity: 2 }));
  cart = addToCart(cart, line({ variantId: 'v-jam', productId: 'p-jam', vendorId: 'deli', vendorSlug: 'deli', vendorName: 'Deli', productName: 'Jam', unitPriceCents: 400, quantity: 3 }));
  cart = addToCart(cart, line({ variantId: 'v-tea', productId: 'p-tea', vendorId: 'deli', vendorSlug: 'deli', vendorName: 'Deli', productName: 'Tea', unitPriceCents: 250 }));
  cart = addToCart(cart, line({ variantId: 'v-cake', productName: 'Cake', unitPriceCents: 500 }));
  return cart;
}

const quote: CartQuote = {
  vendors: [
    vendor({ id: 'bakery', name: 'Bakery' }),
    vendor({
      id: 'deli',
      slug: 'deli',
      name: 'Deli',
      taxMode: 'exclusive',
      deliveryEnabled: true,
      minOrderCents: 2000,
      delivery: { zoneName: 'Nearby', feeCents: 250, minOrderCents: 1500, distanceMeters: 900 },
    }),
  ],
  lines: [
    { variantId: 'v-bread', productId: 'p-bread', vendorId: 'bakery', productName: 'Sourdough', variantName: 'Default', unitPriceCents: 350, soldBy: 'each', taxRatesBps: [2000], imageThumb: null, shortOf: null },
    { variantId: 'v-jam', productId: 'p-jam', vendorId: 'deli', productName: 'Jam', variantName: 'Default', unitPriceCents: 400, soldBy: 'each', taxRatesBps: [2000], imageThumb: null, shortOf: null },
    { variantId: 'v-tea', productId: 'p-tea', vendorId: 'deli', productName: 'Tea', variantName: 'Default', unitPriceCents: 260, soldBy: 'each', taxRatesBps: [500], imageThumb: null, shortOf: { available: 0 } },
  ],
  missingVariantIds: ['v-cake'],
  problems: [
    { vendorId: 'deli', variantId: 'v-tea', code: 'OUT_OF_STOCK', message: 'Tea is sold out.' },
    { vendorId: 'deli', code: 'BELOW_MINIMUM', message: 'Deli has a minimum order of £20.00.' },
  ],
  quotedAt: '2025-06-14T10:00:00.000Z',
};

describe('cart view', () => {
  it('groups lines by shop in the order they were added', () => {
    expect([...groupByVendor(twoShopCart().lines)].map(([id, ls]) => [id, ls.map((l) => l.variantId)])).toEqual([
      ['bakery', ['v-bread', 'v-cake']],
      ['deli', ['v-jam', 'v-tea']],
    ]);
  });

  it('totals each shop with the shared maths: inclusive and exclusive tax, delivery fee, today’s prices', () => {
    const cart = setChoice(twoShopCart(), 'deli', { type: 'delivery', pickupAt: null });
    const view = buildCartView(cart, quote);
    const [bakery, deli] = view.groups;
    // bakery: 2 × 3.50 inclusive (the cake is no longer sold and is left out)
    expect(bakery?.totals).toMatchObject({ subtotalCents: 700, taxCents: 117, totalCents: 700 });
    expect(bakery?.lines.map((l) => [l.productName, l.missing, l.totals?.totalCents ?? null])).toEqual([
      ['Sourdough', false, 700],
      ['Cake', true, null],
    ]);
    // deli, exclusive: 3 × 4.00 + 20% = 14.40; tea now 2.60 + 5% = 2.73; + 2.50 delivery
    expect(deli?.totals).toMatchObject({ subtotalCents: 1460, taxCents: 253, deliveryFeeCents: 250, totalCents: 1963 });
    expect(deli?.lines.find((l) => l.variantId === 'v-tea')).toMatchObject({ priceChangedFrom: 250, shortOf: { available: 0 } });
    expect(view.totalCents).toBe(700 + 1963);
    expect(view.currency).toBe('GBP');
  });

  it('measures the minimum on goods only, takes the higher of shop and zone minimums, and is not ready with problems', () => {
    const view = buildCartView(setChoice(twoShopCart(), 'deli', { type: 'delivery', pickupAt: null }), quote);
    const deli = view.groups[1];
    expect(deli).toMatchObject({ goodsCents: 1713, minimumCents: 2000, shortOfMinimumCents: 287 });
    // stock and minimum are shown where they belong, not repeated as shop problems
    expect(deli?.problems).toEqual([]);
    expect(view.ready).toBe(false);
  });

  it('is ready once every line is priced and every shop can take the order', () => {
    let cart = addToCart(EMPTY_CART, line({ quantity: 2 }));
    const clean: CartQuote = { ...quote, lines: quote.lines.slice(0, 1), missingVariantIds: [], problems: [] };
    expect(buildCartView(cart, clean).ready).toBe(true);
    expect(buildCartView(cart, null).ready).toBe(false);
    const paused: CartQuote = { ...clean, problems: [{ vendorId: 'bakery', code: 'VENDOR_PAUSED', message: 'Bakery is not taking online orders right now.' }] };
    const view = buildCartView(cart, paused);
    expect(view.groups[0]?.problems).toEqual(['Bakery is not taking online orders right now.']);
    expect(view.ready).toBe(false);
    // delivery needs a known address (a zone) before checkout
    cart = setChoice(cart, 'bakery', { type: 'delivery', pickupAt: null });
    expect(buildCartView(cart, clean).ready).toBe(false);
  });

  it('prices a weighed line by its grams and holds checkout on a weight the server refuses, shown on that line', () => {
    const cheese = line({ variantId: 'v-cheese', productName: 'Cheddar', soldBy: 'weight', unitPriceCents: 2400, quantity: 375 });
    const quoted: CartQuote = {
      ...quote,
      lines: [{ ...quote.lines[0]!, variantId: 'v-cheese', productName: 'Cheddar', unitPriceCents: 2400, soldBy: 'weight', taxRatesBps: [0] }],
      missingVariantIds: [],
      problems: [],
    };
    const ok = buildCartView(addToCart(EMPTY_CART, cheese), quoted);
    expect(ok.groups[0]?.lines[0]).toMatchObject({ problem: null, totals: { totalCents: 900 } });
    expect(ok.ready).toBe(true);
    const refused = { ...quoted, problems: [{ vendorId: 'bakery', variantId: 'v-cheese', code: 'BAD_INPUT' as const, message: 'Order Cheddar in steps of 5 g (e.g. 375 g).' }] };
    const view = buildCartView(addToCart(EMPTY_CART, cheese), refused);
    expect(view.groups[0]?.lines[0]?.problem).toBe('Order Cheddar in steps of 5 g (e.g. 375 g).');
    expect(view.groups[0]?.problems).toEqual([]);
    expect(view.ready).toBe(false);
  });

  it('before the server answers, shows the prices the customer saw', () => {
    const view = buildCartView(twoShopCart(), null);
    expect(view.groups.map((g) => [g.vendorName, g.totals.totalCents, g.choice.type])).toEqual([
      ['Bakery', 1200, 'pickup'],
      ['Deli', 1450, 'pickup'],
    ]);
  });
});
