import { PRICE_BANDS, type DietaryTag, type SearchProductItem, type SearchProductsInputRaw } from '@makeries/shared';
import { beforeAll, expect, it } from 'vitest';
import { addCategory, addProduct, addVendor, appCodeOf, ORIGIN, type TestCategory, type TestVendor } from '../services/search/test-catalog';
import { describeEachDb } from '../test/harness';

const PRICES = [150, 499, 500, 750, 999, 1000, 1500, 1999, 2000, 4500];
const TAGS: DietaryTag[][] = [[], ['vegan'], ['vegan', 'gluten-free'], ['gluten-free'], ['vegetarian', 'nut-free']];
const ADJ = ['Cinnamon', 'Cardamom', 'Iced', 'Hot Cross', 'Chelsea', 'Sticky', 'Fruit'];

describeEachDb('search.products — filters, facets, sorts, pagination', (get) => {
  const db = () => get().database.db;
  let pickupShop: TestVendor;
  let deliveryShop: TestVendor;
  let closedShop: TestVendor;
  let cats: TestCategory[];
  let thumbProduct = '';

  const search = async (input: SearchProductsInputRaw) => (await get().caller()).search.products(input);

  /** Every item of a search, following cursors page by page. */
  async function allPages(input: SearchProductsInputRaw): Promise<SearchProductItem[]> {
    const items: SearchProductItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await search({ ...input, ...(cursor ? { cursor } : {}) });
      items.push(...res.items);
      if (!res.nextCursor) return items;
      cursor = res.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  beforeAll(async () => {
    cats = [await addCategory(db(), 'Buns'), await addCategory(db(), 'Biscuits'), await addCategory(db(), 'Tarts')];
    pickupShop = await addVendor(db(), { name: 'Bun Corner', pickupEnabled: true, deliveryEnabled: false });
    deliveryShop = await addVendor(db(), { name: 'Bun Van', pickupEnabled: false, deliveryEnabled: true });
    closedShop = await addVendor(db(), { name: 'Night Buns', openingHours: [], deliveryEnabled: true });
    const pausedShop = await addVendor(db(), { name: 'Paused Buns', paused: true });
    const shops = [pickupShop, deliveryShop, closedShop, pausedShop];
    const sameTime = new Date('2026-05-01T10:00:00.123Z');
    for (let i = 0; i < 36; i++) {
      const id = await addProduct(db(), shops[i % 4]!, {
        name: `${ADJ[i % ADJ.length]} Bun ${i}`,
        category: cats[i % 3],
        prices: [PRICES[i % PRICES.length]!, 5000],
        dietaryTags: TAGS[i % TAGS.length],
        inStock: i % 3 !== 0,
        popularity: i % 4, // many ties, broken by id
        createdAt: i % 2 === 0 ? sameTime : new Date(sameTime.getTime() + i * 1000),
        ...(i === 5 ? { thumb: 'products/5/first thumb.webp' } : {}),
      });
      if (i === 5) thumbProduct = id;
    }
  });

  it('computes facet counts that agree with the results of filtering by each facet value', async () => {
    const base = { q: 'bun', limit: 50 } as const;
    const first = await search(base);
    expect(first.total).toBe(36);
    const f = first.facets!;
    expect(f.categories.map((c) => c.count).reduce((a, b) => a + b)).toBe(36);
    for (const c of f.categories) {
      const items = await allPages({ ...base, categorySlug: c.slug });
      expect(items).toHaveLength(c.count);
      expect(items.every((i) => i.categorySlug === c.slug)).toBe(true);
    }
    for (const d of f.dietary) {
      const items = await allPages({ ...base, dietary: [d.tag as DietaryTag] });
      expect(items).toHaveLength(d.count);
      expect(items.every((i) => i.dietaryTags.includes(d.tag))).toBe(true);
    }
    expect(f.priceBands.map((b) => b.key)).toEqual(PRICE_BANDS.map((b) => b.key));
    for (const b of f.priceBands) {
      const items = await allPages({ ...base, priceMin: b.minCents, ...(b.maxCents === null ? {} : { priceMax: b.maxCents }) });
      expect(items).toHaveLength(b.count);
    }
    for (const v of f.vendors) {
      const items = await allPages({ ...base, vendorId: v.id });
      expect(items).toHaveLength(v.count);
      expect(items.every((i) => i.vendor.id === v.id)).toBe(true);
    }
  });

  it('applies price bounds inclusively, on the cheapest variant', async () => {
    const prices = (await allPages({ priceMin: 500, priceMax: 999 })).map((i) => i.minPriceCents);
    expect(new Set(prices)).toEqual(new Set([500, 750, 999]));
    expect((await allPages({ priceMin: 1999 })).every((i) => i.minPriceCents >= 1999)).toBe(true);
    expect((await allPages({ priceMax: 150 })).map((i) => i.minPriceCents)).toEqual([150, 150, 150, 150]);
  });

  it('needs every dietary tag, any of several categories, stock, vendor and fulfilment filters', async () => {
    const both = await allPages({ dietary: ['vegan', 'gluten-free'] });
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((i) => i.dietaryTags.includes('vegan') && i.dietaryTags.includes('gluten-free'))).toBe(true);
    const two = await allPages({ categorySlugs: [cats[0]!.slug, cats[2]!.slug] });
    expect(two).toHaveLength(24);
    expect(await allPages({ categorySlug: 'no-such-category' })).toEqual([]);
    const stocked = await allPages({ inStock: true });
    expect(stocked).toHaveLength(24);
    expect(stocked.every((i) => i.inStock)).toBe(true);
    const pickup = await allPages({ fulfilment: 'pickup' });
    expect(new Set(pickup.map((i) => i.vendor.name))).toEqual(new Set(['Bun Corner', 'Night Buns', 'Paused Buns']));
    const delivery = await allPages({ fulfilment: 'delivery' });
    expect(new Set(delivery.map((i) => i.vendor.name))).toEqual(new Set(['Bun Van', 'Night Buns']));
  });

  it('with openNow, leaves out shops outside their opening hours and paused shops', async () => {
    const open = await allPages({ openNow: true });
    expect(new Set(open.map((i) => i.vendor.id))).toEqual(new Set([pickupShop.id, deliveryShop.id]));
    expect(open).toHaveLength(18);
    expect((await allPages({ openNow: true, vendorId: closedShop.id }))).toEqual([]);
  });

  it('sorts by price, popularity and newest as asked', async () => {
    const asc = (await allPages({ sort: 'price_asc' })).map((i) => i.minPriceCents);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await allPages({ sort: 'price_desc' })).map((i) => i.minPriceCents);
    expect(desc).toEqual([...asc].reverse());
    const newest = await allPages({ sort: 'newest', limit: 50 });
    expect(newest[0]?.name).toBe('Cinnamon Bun 35');
    expect(newest.slice(-18).every((i) => Number(i.name.split(' ').pop()) % 2 === 0)).toBe(true);
  });

  it('pages through every sort returning each item exactly once, in the same order as one big page', async () => {
    const sorts: SearchProductsInputRaw[] = [
      { q: 'bun' },
      { q: 'cinamon bun' },
      { sort: 'price_asc' },
      { sort: 'price_desc', inStock: true },
      { sort: 'popularity' },
      { sort: 'newest' },
      { sort: 'distance', near: ORIGIN },
    ];
    for (const input of sorts) {
      const whole = (await search({ ...input, limit: 50 })).items.map((i) => i.id);
      const paged = (await allPages({ ...input, limit: 4 })).map((i) => i.id);
      expect(paged, JSON.stringify(input)).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    }
  });

  it('returns facets and the total with the first page only, and rejects a cursor from another search', async () => {
    const first = await search({ sort: 'price_asc', limit: 5 });
    expect(first.total).toBe(36);
    const second = await search({ sort: 'price_asc', limit: 5, cursor: first.nextCursor! });
    expect(second.facets).toBeNull();
    expect(second.total).toBeNull();
    expect((await search({ facets: false })).facets).toBeNull();
    expect(await appCodeOf(search({ sort: 'price_desc', cursor: first.nextCursor! }))).toBe('BAD_INPUT');
    const tampered = Buffer.from(JSON.stringify(['price_asc', '1 OR 1=1', thumbProduct])).toString('base64url');
    expect(await appCodeOf(search({ sort: 'price_asc', cursor: tampered }))).toBe('BAD_INPUT');
  });

  it('shows the first image as a thumbnail URL, and none when a product has no image', async () => {
    const items = await allPages({ q: 'bun' });
    const withThumb = items.find((i) => i.id === thumbProduct);
    expect(withThumb?.imageThumb).toBe('/media/products/5/first%20thumb.webp');
    expect(items.filter((i) => i.imageThumb !== undefined)).toHaveLength(1);
    expect(withThumb).toMatchObject({ currency: 'GBP', categorySlug: expect.any(String), vendor: { slug: expect.any(String) } });
  });
});
