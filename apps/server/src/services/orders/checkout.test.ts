import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { checkouts, orderEvents, orderLines, orders, products, vendors } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, failure, levelOf, writeSnapshot } from './test-kit';

describeEachDb('orders.checkout', (get) => {
  const db = () => get().database.db;

  async function twoShops() {
    // Inclusive shop: 20% standard. Exclusive shop: 20% standard, 5% reduced.
    const bakery = await createShop(db(), { vendor: { name: 'Crumb Bakery', taxMode: 'inclusive' } });
    const deli = await createShop(db(), { vendor: { name: 'Jar Deli', taxMode: 'exclusive' }, rates: { standard: 2000, reduced: 500 } });
    const bread = await addProduct(db(), bakery.vendorId, { name: 'Sourdough', priceCents: 350, stock: 5 });
    const jam = await addProduct(db(), deli.vendorId, { name: 'Jam', variantName: 'Large', priceCents: 400, stock: 10 });
    const tea = await addProduct(db(), deli.vendorId, { name: 'Tea', priceCents: 250, taxClass: 'reduced', stock: 3 });
    return { bakery, deli, bread, jam, tea };
  }

  it('creates one order per vendor with per-vendor tax maths, snapshots and reservations', async () => {
    const { bakery, deli, bread, jam, tea } = await twoShops();
    const anon = await get().caller();
    const input = checkoutRequest([[bread, 2], [jam, 3], [tea, 1]], [{ vendorId: bakery.vendorId }, { vendorId: deli.vendorId }], {
      note: 'Ring the bell',
    });
    const result = await anon.orders.checkout(input);

    // bakery: 2 × 3.50 inclusive = 7.00, tax 700·20/120 = 116.67 → 117; deli: 3 × 4.00 + 20% = 14.40, 2.50 + 5% = 2.625 → 2.63
    expect(result.orders.map((o) => [o.vendorName, o.number, o.totalCents, o.status])).toEqual([
      ['Crumb Bakery', 'W-0001', 700, 'placed'],
      ['Jar Deli', 'W-0001', 1703, 'placed'],
    ]);
    expect(result.totalCents).toBe(2403);
    expect(result.currency).toBe('GBP');

    const [bakeryOrder] = await db().select().from(orders).where(eq(orders.vendorId, bakery.vendorId));
    const [deliOrder] = await db().select().from(orders).where(eq(orders.vendorId, deli.vendorId));
    expect(bakeryOrder).toMatchObject({ channel: 'web', status: 'placed', taxMode: 'inclusive', subtotalCents: 700, taxCents: 117, totalCents: 700 });
    expect(bakeryOrder).toMatchObject({ customerId: null, paymentStatus: 'pay_at_pickup', fulfilment: 'pickup', note: 'Ring the bell' });
    expect(deliOrder).toMatchObject({ taxMode: 'exclusive', subtotalCents: 1450, taxCents: 253, totalCents: 1703, checkoutId: result.checkoutId });

    const deliLines = await db().select().from(orderLines).where(eq(orderLines.orderId, deliOrder!.id)).orderBy(orderLines.lineNo);
    expect(deliLines.map((l) => [l.lineNo, l.name, l.variantName, l.sku, l.quantity, l.unitPriceCents, l.taxRateBps, l.taxCents, l.totalCents])).toEqual([
      [1, 'Jam', 'Large', jam.sku, 3, 400, 2000, 240, 1440],
      [2, 'Tea', 'Default', tea.sku, 1, 250, 500, 13, 263],
    ]);
    const events = await db().select().from(orderEvents).where(eq(orderEvents.orderId, bakeryOrder!.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorKind])).toEqual([[null, 'placed', 'customer']]);
    const [co] = await db().select().from(checkouts).where(eq(checkouts.id, result.checkoutId));
    expect(co).toMatchObject({ totalCents: 2403, currency: 'GBP', customerId: null, idempotencyKey: input.idempotencyKey });

    expect(await levelOf(db(), bread.variantId)).toEqual({ onHand: 5, reserved: 2 });
    expect(await levelOf(db(), jam.variantId)).toEqual({ onHand: 10, reserved: 3 });
    const [pop] = await db().select({ p: products.popularity }).from(products).where(eq(products.id, jam.productId));
    expect(pop?.p).toBe(3);

    // later price changes never touch what was sold
    await db().update(products).set({ name: 'Renamed' }).where(eq(products.id, jam.productId));
    const again = await db().select().from(orderLines).where(eq(orderLines.orderId, deliOrder!.id)).orderBy(orderLines.lineNo);
    expect(again[0]?.name).toBe('Jam');
  });

  it('numbers a vendor’s web orders in sequence and links signed-in customers', async () => {
    const shop = await createShop(db());
    const cake = await addProduct(db(), shop.vendorId, { name: 'Cake', priceCents: 500 });
    const customer = await createCustomerFixture(db());
    const caller = await get().caller({ sessionCookie: customer.cookie });
    const first = await caller.orders.checkout(checkoutRequest([[cake, 1]], [{ vendorId: shop.vendorId }]));
    const second = await caller.orders.checkout(checkoutRequest([[cake, 1]], [{ vendorId: shop.vendorId }]));
    expect([first.orders[0]?.number, second.orders[0]?.number]).toEqual(['W-0001', 'W-0002']);
    const rows = await db().select({ customerId: orders.customerId }).from(orders).where(eq(orders.vendorId, shop.vendorId));
    expect(rows.map((r) => r.customerId)).toEqual([customer.customerId, customer.customerId]);
    const [co] = await db().select().from(checkouts).where(eq(checkouts.id, first.checkoutId));
    expect(co?.customerId).toBe(customer.customerId);
  });

  it('the same variant twice in the cart becomes one line with the summed quantity', async () => {
    const shop = await createShop(db());
    const bun = await addProduct(db(), shop.vendorId, { name: 'Bun', priceCents: 120 });
    const result = await (await get().caller()).orders.checkout(checkoutRequest([[bun, 2], [bun, 3]], [{ vendorId: shop.vendorId }]));
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, result.orders[0]!.id));
    expect(lines.map((l) => [l.quantity, l.totalCents])).toEqual([[5, 600]]);
    expect(await levelOf(db(), bun.variantId)).toMatchObject({ reserved: 5 });
  });

  it('prices weight items per kg for the grams ordered', async () => {
    const shop = await createShop(db());
    const cheese = await addProduct(db(), shop.vendorId, { name: 'Cheddar', priceCents: 2400, soldBy: 'weight', stock: 5000 });
    const result = await (await get().caller()).orders.checkout(checkoutRequest([[cheese, 250]], [{ vendorId: shop.vendorId }]));
    expect(result.totalCents).toBe(600);
    const [line] = await db().select().from(orderLines).where(eq(orderLines.orderId, result.orders[0]!.id));
    expect(line).toMatchObject({ quantity: 250, soldBy: 'weight', unitPriceCents: 2400, totalCents: 600 });
  });

  it('one vendor out of stock fails the whole checkout and writes nothing', async () => {
    const { bakery, deli, bread, jam } = await twoShops();
    const before = await writeSnapshot(db());
    const f = await failure(
      (await get().caller()).orders.checkout(checkoutRequest([[jam, 2], [bread, 6]], [{ vendorId: bakery.vendorId }, { vendorId: deli.vendorId }])),
    );
    expect(f.appCode).toBe('OUT_OF_STOCK');
    expect(f.message).toContain('Sourdough');
    expect(f.details?.shortages).toEqual([
      { vendorId: bakery.vendorId, variantId: bread.variantId, name: 'Sourdough', requested: 6, available: 5 },
    ]);
    expect(await writeSnapshot(db())).toEqual(before);
    expect(await levelOf(db(), jam.variantId)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('stock already reserved by an earlier order is not sold twice', async () => {
    const shop = await createShop(db());
    const pie = await addProduct(db(), shop.vendorId, { name: 'Pie', priceCents: 300, stock: 3 });
    const anon = await get().caller();
    await anon.orders.checkout(checkoutRequest([[pie, 2]], [{ vendorId: shop.vendorId }]));
    const f = await failure(anon.orders.checkout(checkoutRequest([[pie, 2]], [{ vendorId: shop.vendorId }])));
    expect(f.appCode).toBe('OUT_OF_STOCK');
    expect(f.details?.shortages).toEqual([expect.objectContaining({ variantId: pie.variantId, available: 1 })]);
  });

  it('refuses a paused vendor, naming it, and writes nothing', async () => {
    const open = await createShop(db());
    const paused = await createShop(db(), { vendor: { name: 'Sleepy Shop', paused: true, pausedReason: 'back Monday' } });
    const a = await addProduct(db(), open.vendorId, { name: 'A', priceCents: 100 });
    const b = await addProduct(db(), paused.vendorId, { name: 'B', priceCents: 100 });
    const before = await writeSnapshot(db());
    const f = await failure(
      (await get().caller()).orders.checkout(checkoutRequest([[a, 1], [b, 1]], [{ vendorId: open.vendorId }, { vendorId: paused.vendorId }])),
    );
    expect(f.appCode).toBe('VENDOR_PAUSED');
    expect(f.message).toContain('Sleepy Shop');
    expect(f.message).toContain('back Monday');
    expect(f.details?.vendorId).toBe(paused.vendorId);
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('enforces the vendor minimum order and says how much more to add', async () => {
    const shop = await createShop(db(), { vendor: { minOrderCents: 1000 } });
    const scone = await addProduct(db(), shop.vendorId, { name: 'Scone', priceCents: 300 });
    const anon = await get().caller();
    const before = await writeSnapshot(db());
    const f = await failure(anon.orders.checkout(checkoutRequest([[scone, 3]], [{ vendorId: shop.vendorId }])));
    expect(f.appCode).toBe('BELOW_MINIMUM');
    expect(f.details).toMatchObject({ vendorId: shop.vendorId, minimumCents: 1000, currentCents: 900, shortByCents: 100 });
    expect(f.message).toContain('£1.00');
    expect(await writeSnapshot(db())).toEqual(before);
    const ok = await anon.orders.checkout(checkoutRequest([[scone, 4]], [{ vendorId: shop.vendorId }]));
    expect(ok.totalCents).toBe(1200);
  });

  it('reports every problem shop at once, the first naming the error', async () => {
    const paused = await createShop(db(), { vendor: { paused: true } });
    const small = await createShop(db(), { vendor: { minOrderCents: 5000 } });
    const a = await addProduct(db(), paused.vendorId, { name: 'A', priceCents: 100 });
    const b = await addProduct(db(), small.vendorId, { name: 'B', priceCents: 100 });
    const f = await failure(
      (await get().caller()).orders.checkout(checkoutRequest([[a, 1], [b, 1]], [{ vendorId: paused.vendorId }, { vendorId: small.vendorId }])),
    );
    expect(f.appCode).toBe('VENDOR_PAUSED');
    const problems = f.details?.problems as { vendorId: string; code: string }[];
    expect(problems.map((p) => [p.vendorId, p.code])).toEqual([
      [paused.vendorId, 'VENDOR_PAUSED'],
      [small.vendorId, 'BELOW_MINIMUM'],
    ]);
  });
});

describeEachDb('orders.checkout delivery, hours and availability', (get) => {
  const db = () => get().database.db;
  const shopAt = { lat: 51.4545, lng: -2.5879 };
  const address = (dLat: number) => ({ line1: '9 Park Row', city: 'Bristol', postcode: 'BS1 5LJ', country: 'GB', lat: shopAt.lat + dLat, lng: shopAt.lng });
  const zones = [
    { name: 'Near', radiusMeters: 3000, feeCents: 250, minOrderCents: 0 },
    { name: 'Far', radiusMeters: 8000, feeCents: 500, minOrderCents: 2000 },
  ];

  async function deliveryShop(overrides: Partial<typeof vendors.$inferInsert> = {}) {
    const shop = await createShop(db(), { vendor: { deliveryEnabled: true, deliveryZones: zones, ...shopAt, ...overrides } });
    const box = await addProduct(db(), shop.vendorId, { name: 'Veg box', priceCents: 1500 });
    return { shop, box };
  }

  it('charges the fee of the first zone covering the address (haversine distance)', async () => {
    const { shop, box } = await deliveryShop();
    const anon = await get().caller();
    // 0.009° of latitude ≈ 1 km: the near zone
    const near = await anon.orders.checkout(checkoutRequest([[box, 1]], [{ vendorId: shop.vendorId, type: 'delivery', address: address(0.009) }]));
    expect(near.totalCents).toBe(1750);
    const [order] = await db().select().from(orders).where(eq(orders.id, near.orders[0]!.id));
    expect(order).toMatchObject({ fulfilment: 'delivery', deliveryFeeCents: 250, totalCents: 1750, subtotalCents: 1500 });
    expect(order?.deliveryAddress).toMatchObject({ line1: '9 Park Row', lat: shopAt.lat + 0.009 });
    // ≈ 5 km: the far zone with its own £20 minimum
    const far = await anon.orders.checkout(checkoutRequest([[box, 2]], [{ vendorId: shop.vendorId, type: 'delivery', address: address(0.045) }]));
    expect(far.totalCents).toBe(3500);
  });

  it("writes the delivering shop's country on an address sent without one (no country is assumed in code)", async () => {
    const { shop, box } = await deliveryShop({ country: 'IE' });
    const { country: _sent, ...withoutCountry } = address(0.009);
    const placed = await (await get().caller()).orders.checkout(checkoutRequest([[box, 1]], [{ vendorId: shop.vendorId, type: 'delivery', address: withoutCountry }]));
    const [order] = await db().select().from(orders).where(eq(orders.id, placed.orders[0]!.id));
    expect(order?.deliveryAddress).toMatchObject({ line1: '9 Park Row', country: 'IE' });
  });

  it('applies the zone minimum on top of the vendor minimum', async () => {
    const { shop, box } = await deliveryShop();
    const f = await failure(
      (await get().caller()).orders.checkout(checkoutRequest([[box, 1]], [{ vendorId: shop.vendorId, type: 'delivery', address: address(0.045) }])),
    );
    expect(f.appCode).toBe('BELOW_MINIMUM');
    expect(f.details).toMatchObject({ minimumCents: 2000, currentCents: 1500 });
  });

  it('refuses an address outside every zone and writes nothing', async () => {
    const { shop, box } = await deliveryShop();
    const before = await writeSnapshot(db());
    const f = await failure(
      (await get().caller()).orders.checkout(checkoutRequest([[box, 1]], [{ vendorId: shop.vendorId, type: 'delivery', address: address(0.5) }])),
    );
    expect(f.appCode).toBe('OUTSIDE_DELIVERY_ZONE');
    expect(f.details).toMatchObject({ vendorId: shop.vendorId, maxRadiusMeters: 8000 });
    expect(Number(f.details?.distanceMeters)).toBeGreaterThan(50_000);
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('refuses delivery or pickup when the vendor has turned it off', async () => {
    const noDelivery = await createShop(db(), { vendor: { deliveryEnabled: false } });
    const noPickup = await createShop(db(), { vendor: { pickupEnabled: false, deliveryEnabled: true, deliveryZones: zones, ...shopAt } });
    const a = await addProduct(db(), noDelivery.vendorId, { name: 'A', priceCents: 1000 });
    const b = await addProduct(db(), noPickup.vendorId, { name: 'B', priceCents: 1000 });
    const anon = await get().caller();
    const f1 = await failure(anon.orders.checkout(checkoutRequest([[a, 1]], [{ vendorId: noDelivery.vendorId, type: 'delivery', address: address(0.001) }])));
    expect(f1.appCode).toBe('FULFILMENT_UNAVAILABLE');
    const f2 = await failure(anon.orders.checkout(checkoutRequest([[b, 1]], [{ vendorId: noPickup.vendorId }])));
    expect(f2.appCode).toBe('FULFILMENT_UNAVAILABLE');
    expect(f2.message).toContain('does not offer pickup');
  });

  it('accepts pickup slots within opening hours and refuses closed or past ones', async () => {
    const nineToFive = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '17:00' }));
    const shop = await createShop(db(), { vendor: { timezone: 'UTC', openingHours: nineToFive } });
    const loaf = await addProduct(db(), shop.vendorId, { name: 'Loaf', priceCents: 400 });
    const anon = await get().caller();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const at = (h: number) => new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), h)).toISOString();
    const before = await writeSnapshot(db());
    const closed = await failure(anon.orders.checkout(checkoutRequest([[loaf, 1]], [{ vendorId: shop.vendorId, pickupAt: at(3) }])));
    expect(closed.appCode).toBe('VENDOR_CLOSED');
    expect(closed.details?.nextOpeningAt).toBe(at(9));
    const past = await failure(
      anon.orders.checkout(checkoutRequest([[loaf, 1]], [{ vendorId: shop.vendorId, pickupAt: new Date(Date.now() - 3 * 3600_000).toISOString() }])),
    );
    expect(past.appCode).toBe('VENDOR_CLOSED');
    expect(past.message).toContain('passed');
    expect(await writeSnapshot(db())).toEqual(before);

    const ok = await anon.orders.checkout(checkoutRequest([[loaf, 1]], [{ vendorId: shop.vendorId, pickupAt: at(12) }]));
    const [order] = await db().select().from(orders).where(eq(orders.id, ok.orders[0]!.id));
    expect(order?.pickupAt?.toISOString()).toBe(at(12));
  });

  it('an as-soon-as-possible order needs the shop to be open now', async () => {
    const shop = await createShop(db(), { vendor: { openingHours: [] } });
    const loaf = await addProduct(db(), shop.vendorId, { name: 'Loaf', priceCents: 400 });
    const f = await failure((await get().caller()).orders.checkout(checkoutRequest([[loaf, 1]], [{ vendorId: shop.vendorId }])));
    expect(f.appCode).toBe('VENDOR_CLOSED');
    expect(f.message).toContain('closed right now');
  });

  it('treats hidden, archived and unknown items and unapproved shops as not found', async () => {
    const shop = await createShop(db());
    const pending = await createShop(db(), { vendor: { status: 'pending' } });
    // NOT_FOUND is decided before any shop is looked at, so one pickup choice serves every case
    const hidden = await addProduct(db(), shop.vendorId, { name: 'Hidden', priceCents: 100, onlineVisible: false });
    const gone = await addProduct(db(), shop.vendorId, { name: 'Gone', priceCents: 100, productArchived: true });
    const oldSize = await addProduct(db(), shop.vendorId, { name: 'Old size', priceCents: 100, variantArchived: true });
    const unapproved = await addProduct(db(), pending.vendorId, { name: 'Soon', priceCents: 100 });
    const fine = await addProduct(db(), shop.vendorId, { name: 'Fine', priceCents: 100 });
    const unknown = { productId: '', variantId: '01890000-0000-7000-8000-000000000000', sku: '' };
    const anon = await get().caller();
    const before = await writeSnapshot(db());
    for (const p of [hidden, gone, oldSize, unapproved, unknown]) {
      const f = await failure(anon.orders.checkout(checkoutRequest([[fine, 1], [p, 1]], [{ vendorId: shop.vendorId }])));
      expect(f.appCode).toBe('NOT_FOUND');
      expect(f.details?.variantIds).toEqual([p.variantId]);
    }
    expect(await writeSnapshot(db())).toEqual(before);
  });

  it('rejects malformed carts with a clear message and writes nothing', async () => {
    const a = await createShop(db());
    const b = await createShop(db(), { vendor: { currency: 'EUR' } });
    const pa = await addProduct(db(), a.vendorId, { name: 'A', priceCents: 100 });
    const pb = await addProduct(db(), b.vendorId, { name: 'B', priceCents: 100 });
    const anon = await get().caller();
    const before = await writeSnapshot(db());
    const cases: [ReturnType<typeof checkoutRequest>, string][] = [
      [checkoutRequest([], [{ vendorId: a.vendorId }]), 'BAD_INPUT'],
      [checkoutRequest([[pa, 0]], [{ vendorId: a.vendorId }]), 'BAD_INPUT'],
      [checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId, type: 'delivery' }]), 'BAD_INPUT'],
      [checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId }, { vendorId: a.vendorId }]), 'BAD_INPUT'],
      [checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId, pickupAt: 'tomorrow' }]), 'BAD_INPUT'],
      [{ ...checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId }]), contact: { name: '', email: 'nope' } }, 'BAD_INPUT'],
      [{ ...checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId }]), paymentMethod: 'cash' as 'pay_at_pickup' }, 'BAD_INPUT'],
      // no Stripe keys here: card is refused with a reason, pay at pickup still works
      [{ ...checkoutRequest([[pa, 1]], [{ vendorId: a.vendorId }]), paymentMethod: 'card' }, 'FULFILMENT_UNAVAILABLE'],
      // a shop in the cart without a pickup/delivery choice, and a choice for a shop not in the cart
      [checkoutRequest([[pa, 1]], [{ vendorId: b.vendorId }]), 'BAD_INPUT'],
      [checkoutRequest([[pa, 1], [pb, 1]], [{ vendorId: a.vendorId }, { vendorId: b.vendorId }]), 'CURRENCY_MISMATCH'],
    ];
    for (const [input, code] of cases) {
      expect((await failure(anon.orders.checkout(input))).appCode).toBe(code);
    }
    expect(await writeSnapshot(db())).toEqual(before);
  });
});

describeEachDb('orders.checkout idempotency', (get) => {
  const db = () => get().database.db;

  it('the same key twice returns the same orders and creates nothing twice', async () => {
    const shop = await createShop(db());
    const tart = await addProduct(db(), shop.vendorId, { name: 'Tart', priceCents: 450, stock: 10 });
    const anon = await get().caller();
    const input = checkoutRequest([[tart, 2]], [{ vendorId: shop.vendorId }]);
    const first = await anon.orders.checkout(input);
    const before = await writeSnapshot(db());
    const second = await anon.orders.checkout(input);
    expect(second).toEqual(first);
    expect(await writeSnapshot(db())).toEqual(before);
    expect(await levelOf(db(), tart.variantId)).toMatchObject({ reserved: 2 });
  });

  it('a concurrent double submit creates one set of orders and both get the same answer', async () => {
    const a = await createShop(db());
    const b = await createShop(db());
    const pa = await addProduct(db(), a.vendorId, { name: 'A', priceCents: 500, stock: 10 });
    const pb = await addProduct(db(), b.vendorId, { name: 'B', priceCents: 700, stock: 10 });
    const anon = await get().caller();
    const input = checkoutRequest([[pa, 1], [pb, 2]], [{ vendorId: a.vendorId }, { vendorId: b.vendorId }]);
    const results = await Promise.all([anon.orders.checkout(input), anon.orders.checkout(input), anon.orders.checkout(input)]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const [counts] = await queryRows<{ n: string }>(db(), sql`SELECT count(*) AS n FROM checkouts WHERE idempotency_key = ${input.idempotencyKey}`);
    expect(Number(counts?.n)).toBe(1);
    const made = await db().select().from(orders).where(eq(orders.checkoutId, results[0].checkoutId));
    expect(made).toHaveLength(2);
    expect(await levelOf(db(), pb.variantId)).toMatchObject({ reserved: 2 });
    const [va] = await db().select({ n: vendors.nextOrderNumber }).from(vendors).where(eq(vendors.id, a.vendorId));
    expect(va?.n).toBe(2);
  });

  it('a key used by one account cannot be replayed by another', async () => {
    const shop = await createShop(db());
    const tart = await addProduct(db(), shop.vendorId, { name: 'Tart', priceCents: 450 });
    const alice = await createCustomerFixture(db());
    const bob = await createCustomerFixture(db());
    const input = checkoutRequest([[tart, 1]], [{ vendorId: shop.vendorId }]);
    await (await get().caller({ sessionCookie: alice.cookie })).orders.checkout(input);
    const f = await failure((await get().caller({ sessionCookie: bob.cookie })).orders.checkout(input));
    expect(f.appCode).toBe('CONFLICT');
  });
});
