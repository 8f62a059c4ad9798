import { expect, it } from 'vitest';
import { addProduct, createShop, failure } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { countRows } from './identity-test-kit';

describeEachDb('favourites router', (get) => {
  const db = () => get().database.db;

  it('a customer stars a shop and a product, sees them with open state and price, and un-stars them', async () => {
    const shop = await createShop(db(), { vendor: { name: 'Hart Bakery', paused: true } });
    const loaf = await addProduct(db(), shop.vendorId, { name: 'Sourdough loaf', priceCents: 450 });
    const me = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });

    expect(await me.favourites.set({ vendorId: shop.vendorId, on: true })).toEqual({ on: true });
    await me.favourites.set({ productId: loaf.productId, on: true });
    await me.favourites.set({ productId: loaf.productId, on: true }); // a double tap changes nothing
    expect(await me.favourites.ids()).toEqual({ vendorIds: [shop.vendorId], productIds: [loaf.productId] });

    const list = await me.favourites.list();
    expect(list.shops).toEqual([expect.objectContaining({ vendorId: shop.vendorId, name: 'Hart Bakery', paused: true, isOpenNow: true })]);
    expect(list.products).toEqual([
      expect.objectContaining({ productId: loaf.productId, name: 'Sourdough loaf', minPriceCents: 450, currency: 'GBP', inStock: true }),
    ]);
    expect(list.products[0]?.vendor).toMatchObject({ name: 'Hart Bakery', paused: true });

    // someone else's favourites are their own
    const other = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    expect(await other.favourites.list()).toEqual({ shops: [], products: [], shopsNextCursor: null, productsNextCursor: null });

    await me.favourites.set({ vendorId: shop.vendorId, on: false });
    await me.favourites.set({ vendorId: shop.vendorId, on: false });
    expect(await me.favourites.ids()).toEqual({ vendorIds: [], productIds: [loaf.productId] });
  });

  it('refuses hidden products, unknown shops, both or neither target, and visitors who are not signed in — writing nothing', async () => {
    const shop = await createShop(db());
    const hidden = await addProduct(db(), shop.vendorId, { name: 'Staff-only', priceCents: 100, onlineVisible: false });
    const me = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    const before = await countRows(db(), 'favourites');

    expect((await failure(me.favourites.set({ productId: hidden.productId, on: true }))).appCode).toBe('NOT_FOUND');
    expect((await failure(me.favourites.set({ vendorId: '01900000-0000-7000-8000-000000000000', on: true }))).appCode).toBe('NOT_FOUND');
    expect((await failure(me.favourites.set({ vendorId: shop.vendorId, productId: hidden.productId, on: true }))).appCode).toBe('BAD_INPUT');
    expect((await failure(me.favourites.set({ on: true }))).appCode).toBe('BAD_INPUT');
    const guest = await get().caller();
    const f = await failure(guest.favourites.set({ vendorId: shop.vendorId, on: true }));
    expect(f.appCode).toBe('UNAUTHENTICATED');
    expect(f.message).toContain('sign in');
    expect(await countRows(db(), 'favourites')).toBe(before);
  });

  it('pages each list, newest first, every favourite once, and caps the page size', async () => {
    const shops = [];
    for (let i = 0; i < 5; i++) shops.push(await createShop(db(), { vendor: { name: `Starred Shop ${i}` } }));
    const me = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    for (const s of shops) await me.favourites.set({ vendorId: s.vendorId, on: true });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await me.favourites.list({ only: 'shops', limit: 2, ...(cursor ? { shopsCursor: cursor } : {}) });
      expect(page.shops.length).toBeLessThanOrEqual(2);
      expect(page.products).toEqual([]);
      seen.push(...page.shops.map((s) => s.name));
      cursor = page.shopsNextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(shops.map((_, i) => `Starred Shop ${i}`).reverse());
    expect((await failure(me.favourites.list({ limit: 101 }))).appCode).toBe('BAD_INPUT');
  });
});
