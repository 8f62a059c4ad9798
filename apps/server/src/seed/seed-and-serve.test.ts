import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { testEnv } from '../test/harness';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, hasVendors, seedDemoCity, type SeedSummary } from './run';

/** What `pnpm start` does on a fresh machine: seed the demo city, then serve it over HTTP. */
describe('a fresh start seeds the demo city and serves it', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let summary: SeedSummary;
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-seed-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = testEnv({ DATA_DIR: dataDir });
    expect(await hasVendors(database)).toBe(false);
    summary = await seedDemoCity(database, env);
    app = await buildApp({ database, env });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has at least 12 shops, 400 products, customers and orders', () => {
    expect(summary.vendors).toBeGreaterThanOrEqual(12);
    expect(summary.products).toBeGreaterThanOrEqual(400);
    expect(summary.customers).toBeGreaterThan(0);
    expect(summary.orders).toBeGreaterThan(0);
  });

  it('lists the shops on the home page and a shop its products with pictures', async () => {
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Harbourside Bakehouse');
    expect(home.body).toContain('href="/v/clifton-cheese-room"');

    const shop = await app.inject({ method: 'GET', url: '/v/harbourside-bakehouse' });
    expect(shop.statusCode).toBe(200);
    expect(shop.body).toContain('Butter Croissant');
    expect(shop.body).toContain('£2.40');
    const thumb = /src="(\/media\/[^"]+-th\.webp)"/.exec(shop.body)?.[1];
    expect(thumb).toBeDefined();
    const img = await app.inject({ method: 'GET', url: thumb! });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/webp');

    expect((await app.inject({ method: 'GET', url: '/v/no-such-shop' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/media/../../etc/passwd' })).statusCode).toBe(404);
  });

  it('answers search and sign-in over HTTP with the seeded data', async () => {
    const input = encodeURIComponent(JSON.stringify({ q: 'crossaint' }));
    const res = await app.inject({ method: 'GET', url: `/trpc/search.products?input=${input}` });
    expect(res.statusCode).toBe(200);
    const names = res.json<{ result: { data: { items: { name: string }[] } } }>().result.data.items.map((i) => i.name);
    expect(names).toContain('Butter Croissant');

    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.staffLogin',
      payload: { email: 'owner@harbourside-bakehouse.example', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const bad = await app.inject({ method: 'POST', url: '/trpc/auth.staffLogin', payload: { email: 'nobody', password: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { data: { appCode: 'BAD_INPUT' } } });
    expect(bad.headers['x-request-id']).toBeTruthy();

    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true, database: 'pglite' });
  });

  it('has products in options (bags, tea sizes, a cake whole or by the slice) and weighed items ordered by any weight', async () => {
    const trpc = async <T,>(path: string, input: unknown): Promise<T> => {
      const res = await app.inject({ method: 'GET', url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` });
      expect(res.statusCode).toBe(200);
      return res.json<{ result: { data: T } }>().result.data;
    };
    type Variant = { name: string; sku: string; barcode: string | null; priceCents: number; soldBy: string; available: boolean; maxGrams: number | null };
    const product = async (name: string) => {
      const found = await trpc<{ items: { id: string; name: string }[] }>('search.products', { q: name });
      const hit = found.items.find((i) => i.name === name);
      expect(hit, name).toBeDefined();
      return trpc<{ variants: Variant[] }>('products.byId', { productId: hit!.id });
    };
    const options = async (name: string) => (await product(name)).variants.map((v) => [v.name, v.priceCents, v.soldBy, v.available]);
    expect(await options('Harbour Espresso Blend')).toEqual([['250 g bag', 850, 'each', true], ['1 kg bag', 2900, 'each', true]]);
    expect(await options('Earl Grey Tea')).toEqual([['50 g', 370, 'each', true], ['100 g', 690, 'each', true]]);
    expect(await options('Victoria Sponge Cake')).toEqual([['Whole cake', 2400, 'each', true], ['Slice', 320, 'each', true]]);
    // every option is its own item at the counter: own SKU and scannable barcode
    const bags = (await product('Decaf Colombia')).variants;
    expect(new Set(bags.map((v) => v.sku)).size).toBe(2);
    expect(bags.every((v) => v.barcode !== null && /^2\d{12}$/.test(v.barcode))).toBe(true);

    for (const [name, perKg] of [['Montgomery Cheddar', 3600], ['Nocellara Olives', 2250], ['Loose House Espresso Beans', 3200]] as const) {
      const [v] = (await product(name)).variants;
      expect(v, name).toMatchObject({ soldBy: 'weight', priceCents: perKg, available: true });
      expect(v?.maxGrams).toBeGreaterThanOrEqual(10_000);
    }
    const cheddar = await trpc<{ items: { id: string; name: string }[] }>('search.products', { q: 'Montgomery Cheddar' });
    const page = await app.inject({ method: 'GET', url: `/p/${cheddar.items.find((i) => i.name === 'Montgomery Cheddar')!.id}` });
    expect(page.body).toContain('£36.00 / kg');
    expect(page.body).toContain('in 5 g steps');
  });

  it('knows it is seeded, so the next start does not seed again', async () => {
    expect(await hasVendors(database)).toBe(true);
  });
});
