import { computeTotals } from '@makeries/shared';
import { expect, it } from 'vitest';
import { addProduct, checkoutRequest, createShop, failure, writeSnapshot } from '../services/orders/test-kit';
import { describeEachDb } from '../test/harness';

describeEachDb('cart.quote', (get) => {
  const db = () => get().database.db;

  it('prices the cart like checkout does and flags short stock per line, writing nothing', async () => {
    const deli = await createShop(db(), { vendor: { name: 'Jar Deli', taxMode: 'exclusive' }, rates: { standard: 2000, reduced: 500 } });
    const jam = await addProduct(db(), deli.vendorId, { name: 'Jam', variantName: 'Large', priceCents: 400, stock: 10 });
    const tea = await addProduct(db(), deli.vendorId, { name: 'Tea', priceCents: 250, taxClass: 'reduced', stock: 1 });
    const before = await writeSnapshot(db());
    const anon = await get().caller();

    const quote = await anon.cart.quote({
      items: [
        { variantId: jam.variantId, quantity: 2 },
        { variantId: tea.variantId, quantity: 2 },
        { variantId: jam.variantId, quantity: 1 },
      ],
    });

    expect(quote.lines.map((l) => [l.productName, l.variantName, l.unitPriceCents, l.taxRatesBps, l.shortOf])).toEqual([
      ['Jam', 'Large', 400, [2000], null],
      ['Tea', 'Default', 250, [500], { available: 1 }],
    ]);
    expect(quote.problems).toEqual([{ vendorId: deli.vendorId, variantId: tea.variantId, code: 'OUT_OF_STOCK', message: 'Only 1 left of Tea.' }]);
    expect(quote.vendors.map((v) => [v.name, v.taxMode, v.paused, v.delivery])).toEqual([['Jar Deli', 'exclusive', false, null]]);
    // the storefront totals these lines with the shared maths; 3 jams + 1 tea is what checkout charges
    const totals = computeTotals({
      currency: 'GBP',
      taxMode: 'exclusive',
      lines: quote.lines.map((l) => ({ key: l.variantId, unitPriceCents: l.unitPriceCents, quantity: l.productName === 'Jam' ? 3 : 1, taxRatesBps: l.taxRatesBps })),
    });
    const placed = await anon.orders.checkout(checkoutRequest([[jam, 3], [tea, 1]], [{ vendorId: deli.vendorId }]));
    expect(placed.totalCents).toBe(totals.totalCents);
    expect((await writeSnapshot(db())).orders).toBe((before.orders ?? 0) + 1);
  });

  it('reports paused, closed and below-minimum shops and the delivery zone fee, one entry per shop', async () => {
    const paused = await createShop(db(), { vendor: { name: 'Paused Bakery', paused: true, pausedReason: 'Back on Monday' } });
    const closed = await createShop(db(), { vendor: { name: 'Night Shop', openingHours: [] } });
    const minimum = await createShop(db(), {
      vendor: {
        name: 'Big Grocer',
        minOrderCents: 1500,
        deliveryEnabled: true,
        deliveryZones: [{ name: 'Nearby', radiusMeters: 3000, feeCents: 250, minOrderCents: 0 }],
      },
    });
    const bun = await addProduct(db(), paused.vendorId, { name: 'Bun', priceCents: 200 });
    const milk = await addProduct(db(), closed.vendorId, { name: 'Milk', priceCents: 120 });
    const apples = await addProduct(db(), minimum.vendorId, { name: 'Apples', priceCents: 300 });
    const before = await writeSnapshot(db());

    const quote = await (await get().caller()).cart.quote({
      items: [
        { variantId: bun.variantId, quantity: 1 },
        { variantId: milk.variantId, quantity: 1 },
        { variantId: apples.variantId, quantity: 2 },
      ],
      // the fixture shops sit at 51.4545,-2.5879; this address is about 1 km away
      fulfilment: [{ vendorId: minimum.vendorId, type: 'delivery', address: { lat: 51.4635, lng: -2.5879 } }],
    });

    expect(quote.problems.map((p) => [p.vendorId, p.code, p.variantId])).toEqual([
      [paused.vendorId, 'VENDOR_PAUSED', undefined],
      [closed.vendorId, 'VENDOR_CLOSED', undefined],
      [minimum.vendorId, 'BELOW_MINIMUM', undefined],
    ]);
    expect(quote.problems[0]?.message).toBe('Paused Bakery is not taking online orders right now (Back on Monday).');
    expect(quote.problems[2]?.message).toBe('Big Grocer has a minimum order of £15.00. Add £9.00 more.');
    const grocer = quote.vendors.find((v) => v.id === minimum.vendorId);
    expect(grocer?.delivery).toMatchObject({ zoneName: 'Nearby', feeCents: 250 });
    expect(quote.vendors.find((v) => v.id === closed.vendorId)).toMatchObject({ isOpenNow: false, paused: false });
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('lists items that can no longer be bought instead of failing, and answers an empty cart', async () => {
    const shop = await createShop(db());
    const hidden = await addProduct(db(), shop.vendorId, { name: 'Secret', priceCents: 100, onlineVisible: false });
    const anon = await get().caller();
    const quote = await anon.cart.quote({ items: [{ variantId: hidden.variantId, quantity: 1 }] });
    expect(quote).toMatchObject({ lines: [], vendors: [], problems: [], missingVariantIds: [hidden.variantId] });
    expect(await anon.cart.quote({ items: [] })).toMatchObject({ lines: [], vendors: [] });
  });

  it('rejects malformed carts with a clear message', async () => {
    const anon = await get().caller();
    const bad = await failure(anon.cart.quote({ items: [{ variantId: 'nope', quantity: 0 }] }));
    expect(bad.appCode).toBe('BAD_INPUT');
  });
});
