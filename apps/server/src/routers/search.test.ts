import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { buildApp } from '../http/app';
import { addCategory, addProduct, addVendor, appCodeOf } from '../services/search/test-catalog';
import { createCustomerFixture, createVendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

describeEachDb('search.products — text, typos, visibility, bad input', (get) => {
  const db = () => get().database.db;
  const names = async (q: string, extra: Record<string, unknown> = {}) => {
    const anon = await get().caller();
    const res = await anon.search.products({ q, limit: 50, ...extra });
    return res.items.map((i) => i.name);
  };

  beforeAll(async () => {
    const bread = await addCategory(db(), 'Bread');
    const pastry = await addCategory(db(), 'Pastry');
    const cakes = await addCategory(db(), 'Cakes');
    const bakery = await addVendor(db(), { name: "Hartley's Bakery" });
    await addProduct(db(), bakery, { name: 'Sourdough Loaf', category: bread, description: 'Slow fermented country bread' });
    await addProduct(db(), bakery, { name: 'Seeded Sourdough Bloomer', category: bread, description: 'Sunflower and pumpkin seeds' });
    await addProduct(db(), bakery, { name: 'Rye Bread', category: bread, description: 'Dense rye loaf' });
    await addProduct(db(), bakery, { name: 'Croissant', category: pastry, description: 'All-butter, baked daily' });
    await addProduct(db(), bakery, { name: 'Pain au Chocolat', category: pastry, description: 'Flaky pastry with dark cocoa' });
    await addProduct(db(), bakery, { name: 'Chocolate Fudge Cake', category: cakes, description: 'Rich sponge' });
    await addProduct(db(), bakery, { name: 'Fennel Salami', description: 'Cured in the cellar' });
    await addProduct(db(), bakery, { name: 'Green Salad', description: 'Leaves from the garden' });
    await addProduct(db(), bakery, { name: 'Hidden Sourdough', category: bread, onlineVisible: false });
    await addProduct(db(), bakery, { name: 'Archived Sourdough', category: bread, archived: true });
    const pending = await addVendor(db(), { name: 'Pending Pies', status: 'pending' });
    await addProduct(db(), pending, { name: 'Pending Sourdough', category: bread });
    const suspended = await addVendor(db(), { name: 'Suspended Sweets', status: 'suspended' });
    await addProduct(db(), suspended, { name: 'Suspended Sourdough', category: bread });
  });

  it('finds products despite typos in the search text', async () => {
    expect(await names('crossaint')).toEqual(['Croissant']);
    expect(await names('sourdogh')).toEqual(expect.arrayContaining(['Sourdough Loaf', 'Seeded Sourdough Bloomer']));
    expect(await names('sourdogh')).toHaveLength(2);
    expect(await names('chocolat')).toEqual(expect.arrayContaining(['Pain au Chocolat', 'Chocolate Fudge Cake']));
    expect(await names('CROSSAINT')).toEqual(['Croissant']);
  });

  it('does not loosen a correctly spelled word into look-alikes, but still fixes its typos', async () => {
    expect(await names('salami')).toEqual(['Fennel Salami']);
    expect(await names('salad')).toEqual(['Green Salad']);
    expect(await names('salammi')).toEqual(['Fennel Salami']);
  });

  it('matches word prefixes while the customer is still typing', async () => {
    expect((await names('sourd')).sort()).toEqual(['Seeded Sourdough Bloomer', 'Sourdough Loaf']);
    expect(await names('crois')).toEqual(['Croissant']);
  });

  it('requires every word to match (AND), across name, category and description', async () => {
    expect(await names('sourdough seeded')).toEqual(['Seeded Sourdough Bloomer']);
    expect(await names('rye loaf')).toEqual(['Rye Bread']);
    expect(await names('pastry chocolate')).toEqual(['Pain au Chocolat']);
    expect(await names('croissant sourdough')).toEqual([]);
  });

  it('ranks name matches above description matches, and exact words above typo corrections', async () => {
    // "loaf" is in one name and one description
    expect(await names('loaf')).toEqual(['Sourdough Loaf', 'Rye Bread']);
    // "chocolate" is exact for the cake; "chocolat" is only a correction of it
    expect(await names('chocolate')).toEqual(['Chocolate Fudge Cake', 'Pain au Chocolat']);
  });

  it('never shows hidden, archived or unapproved vendors’ products, searching or browsing', async () => {
    expect((await names('sourdough')).sort()).toEqual(['Seeded Sourdough Bloomer', 'Sourdough Loaf']);
    const anon = await get().caller();
    const browse = await anon.search.products({});
    expect(browse.total).toBe(8);
    expect(browse.items.map((i) => i.name)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Hidden|Archived|Pending|Suspended/)]));
    expect(browse.facets?.vendors.map((v) => v.name)).toEqual(["Hartley's Bakery"]);
  });

  it('is public: anonymous visitors, customers and staff all get the same results', async () => {
    const shop = await createVendorFixture(db());
    const customer = await createCustomerFixture(db());
    const results = await Promise.all(
      [{}, { bearer: shop.cashierToken }, { sessionCookie: customer.cookie }].map(async (who) => {
        const caller = await get().caller(who);
        return (await caller.search.products({ q: 'sourdough' })).items.map((i) => i.id).sort();
      }),
    );
    expect(results[0]).toHaveLength(2);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('treats SQL and tsquery syntax as plain words: results or nothing, never an error', async () => {
    const before = await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM products`);
    expect(await names("' OR 1=1 --")).toEqual([]);
    expect(await names("crois'); DROP TABLE products; --")).toEqual([]);
    expect(await names('croissant:* | sourdough')).toEqual([]);
    expect(await names('!croissant')).toEqual(['Croissant']);
    expect(await names('&|!:*()')).toHaveLength(8); // no words at all: browse
    expect(await names('"\\\'<->')).toHaveLength(8);
    expect(await names('café ☕ 🥐')).toEqual([]);
    expect(await names('a'.repeat(200))).toEqual([]);
    const after = await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM products`);
    expect(after).toEqual(before);
  });

  it('rejects over-long or many-word text and bad limits as BAD_INPUT', async () => {
    const anon = await get().caller();
    expect(await appCodeOf(anon.search.products({ q: 'a'.repeat(201) }))).toBe('BAD_INPUT');
    // control characters and lone surrogates are refused like in any free text (shared text() rule)
    expect(await appCodeOf(anon.search.products({ q: '\u0000croissant\uD800' }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ q: 'one two three four five six seven eight nine' }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ limit: 0 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ limit: 51 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ limit: 2.5 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ priceMin: 500, priceMax: 499 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ priceMin: -1 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ priceMin: 1.5 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ sort: 'distance' }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ radiusKm: 5 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ near: { lat: 91, lng: 0 } }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ near: { lat: 51, lng: 0 }, radiusKm: 201 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ vendorId: "1' OR '1'='1" }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ categorySlug: "bread' --" }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ dietary: ['vegan', 'carnivore' as 'vegan'] }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.products({ cursor: 'not-a-cursor' }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.autocomplete({ q: 'x'.repeat(201) }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.vendorsNearby({ lat: 0, lng: 181 }))).toBe('BAD_INPUT');
    expect(await appCodeOf(anon.search.vendorsNearby({ lat: 0, lng: 0, limit: 101 }))).toBe('BAD_INPUT');
  });

  it('over HTTP, hostile input gets 200 or 400 BAD_INPUT with a readable message, never a 500', async () => {
    const app = await buildApp({ database: get().database, env: get().env });
    try {
      const inputs: unknown[] = [
        { q: "' OR 1=1 --" },
        { q: '&|!:*()' },
        { q: 'x'.repeat(5000) },
        { q: 42 },
        { limit: 1e9 },
        { near: { lat: 'NaN', lng: null } },
        { cursor: Buffer.from('["relevance","1; DROP TABLE products","x"]').toString('base64url') },
        'not an object',
      ];
      for (const input of inputs) {
        const res = await app.inject({ method: 'GET', url: `/trpc/search.products?input=${encodeURIComponent(JSON.stringify(input))}` });
        expect([200, 400], JSON.stringify(input)).toContain(res.statusCode);
        if (res.statusCode === 400) {
          const body = res.json<{ error: { message: string; data: { appCode: string } } }>();
          expect(body.error.data.appCode).toBe('BAD_INPUT');
          expect(body.error.message).not.toMatch(/select|from products|stack/i);
        }
      }
    } finally {
      await app.close();
    }
  });
});
