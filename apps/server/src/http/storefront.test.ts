import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '@makeries/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { testEnv } from '../test/harness';
import { productNamed, seedStorefrontShops, type SeededShop } from '../test/storefront-shops';
import { buildApp } from './app';

const ORIGIN = 'https://shop.example.test';

/** Every JSON-LD document in a page. */
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] ?? '{}') as Record<string, unknown>);
}

function titleOf(html: string): string | undefined {
  return /<title>(.*?)<\/title>/.exec(html)?.[1];
}

describe('storefront pages rendered by the server', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let shops: SeededShop[];
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-web-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN });
    shops = await seedStorefrontShops(database, env);
    app = await buildApp({ database, env });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('a product page carries its data, picture, canonical URL and Product JSON-LD in the HTML', async () => {
    const croissant = productNamed(shops, 'Butter Croissant');
    const res = await get(`/p/${croissant.productId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(titleOf(html)).toBe('Butter Croissant — Harbourside Bakehouse · Makeries');
    expect(html).toContain('<h1');
    expect(html).toContain('Butter Croissant</h1>');
    expect(html).toContain('£2.40');
    expect(html).toContain('href="/v/harbourside-bakehouse"');
    expect(html).toMatch(/<img[^>]+src="\/media\/[^"]+-md\.webp"/);
    // the image itself: a year in caches, revalidated by ETag (304), resumable by range
    const src = /<img[^>]+src="(\/media\/[^"]+-md\.webp)"/.exec(html)?.[1] ?? '';
    const image = await get(src);
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/webp']);
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(src, { 'if-none-match': String(image.headers.etag) })).statusCode).toBe(304);
    const part = await get(src, { range: 'bytes=0-9' });
    expect([part.statusCode, part.rawPayload.length]).toEqual([206, 10]);
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/p/${croissant.productId}">`);
    expect(html).toMatch(/<meta name="description" content="Three days of lamination[^"]*£2\.40/);
    // the query cache the browser hydrates from, so it does not fetch the product again
    expect(html).toContain('<script type="application/json" id="mk-query-state">');
    // keyed as @trpc/tanstack-react-query keys it in the browser: [path, { input, type }]
    expect(html).toContain(`[["products","byId"],{"input":{"productId":"${croissant.productId}"},"type":"query"}]`);

    const [product] = jsonLd(html);
    expect(product).toMatchObject({
      '@type': 'Product',
      name: 'Butter Croissant',
      url: `${ORIGIN}/p/${croissant.productId}`,
      category: 'Pastries & Cakes',
      brand: { name: 'Harbourside Bakehouse' },
      offers: { '@type': 'Offer', price: '2.40', priceCurrency: 'GBP', availability: 'https://schema.org/InStock' },
    });
    expect((product?.image as string[])[0]).toMatch(new RegExp(`^${ORIGIN}/media/.+-md\\.webp$`));
  });

  it('variants become an AggregateOffer; sold-out items are OutOfStock', async () => {
    const beans = productNamed(shops, 'Harbour Espresso Blend');
    const [product] = jsonLd((await get(`/p/${beans.productId}`)).body);
    expect(product?.offers).toMatchObject({
      '@type': 'AggregateOffer',
      lowPrice: '8.50',
      highPrice: '29.00',
      offerCount: 2,
      offers: [
        { name: '250 g bag', price: '8.50' },
        { name: '1 kg bag', price: '29.00' },
      ],
    });
    const almond = productNamed(shops, 'Almond Croissant');
    const html = (await get(`/p/${almond.productId}`)).body;
    expect(jsonLd(html)[0]?.offers).toMatchObject({ availability: 'https://schema.org/OutOfStock' });
    expect(html).toContain('Sold out for now');
  });

  it('a shop page has its hours, map link and LocalBusiness JSON-LD; a paused shop says so', async () => {
    const res = await get('/v/clifton-cheese-room');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Clifton Cheese Room</h1>');
    expect(res.body).toContain('Montgomery Cheddar');
    expect(res.body).toContain('https://www.openstreetmap.org/?mlat=51.4551&amp;mlon=-2.6204');
    const [shop] = jsonLd(res.body);
    expect(shop).toMatchObject({
      '@type': 'LocalBusiness',
      name: 'Clifton Cheese Room',
      url: `${ORIGIN}/v/clifton-cheese-room`,
      address: { streetAddress: '6 The Mall, Clifton', postalCode: 'BS8 4DR', addressLocality: 'Bristol' },
      geo: { latitude: 51.4551, longitude: -2.6204 },
    });
    expect(shop?.openingHoursSpecification).toHaveLength(7);

    const sweets = shops.find((s) => s.slug === 'sugarloaf-sweet-shop');
    await sweets?.owner.vendors.setPaused({ paused: true, reason: 'Restocking until Friday' });
    try {
      const paused = (await get('/v/sugarloaf-sweet-shop')).body;
      expect(paused).toContain('Not taking online orders right now');
      expect(paused).toContain('Restocking until Friday');
      const fudge = productNamed(shops, 'Sea Salt Fudge');
      const product = (await get(`/p/${fudge.productId}`)).body;
      expect(product).toContain('Sugarloaf Sweet Shop is not taking orders right now');
      expect(jsonLd(product)[0]?.offers).toMatchObject({ availability: 'https://schema.org/OutOfStock' });
    } finally {
      await sweets?.owner.vendors.setPaused({ paused: false });
    }
  });

  it('search results, typo included, facet counts and paging are rendered from the URL', async () => {
    const res = await get('/search?q=crossant');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Butter Croissant');
    expect(res.body).toContain('Almond Croissant');
    expect(res.body).toContain('<meta name="robots" content="noindex">');

    const filtered = (await get('/search?cat=bread&diet=vegan')).body;
    expect(filtered).toContain('Country Sourdough Loaf');
    expect(filtered).toContain('Oatcakes');
    expect(filtered).not.toContain('Butter Croissant</p>');
    expect(filtered).toMatch(/Bread \(3\)/);

    const category = (await get('/search?cat=cheese')).body;
    expect(category).toContain(`<link rel="canonical" href="${ORIGIN}/search?cat=cheese">`);
    expect(titleOf(category)).toBe('Cheese · Makeries');

    // a stale page cursor starts the same search again rather than failing
    const stale = await get('/search?q=bread&after=not-a-cursor&page=2');
    expect(stale.statusCode).toBe(302);
    expect(stale.headers.location).toBe('/search?q=bread');
  });

  it('the home page lists the most popular shops, or the nearest first for a saved location', async () => {
    const all = (await get('/')).body;
    for (const s of shops) expect(all).toContain(`href="/v/${s.slug}"`);
    expect(jsonLd(all)[0]).toMatchObject({ '@type': 'WebSite', potentialAction: { '@type': 'SearchAction' } });
    const near = (await get('/', { cookie: `mk_loc=${encodeURIComponent('51.4560|-2.6180|BS8 · Clifton')}` })).body;
    expect(near).toContain('Shops near BS8 · Clifton');
    expect(near.indexOf('Clifton Cheese Room')).toBeLessThan(near.indexOf('Two Rivers Coffee Roasters'));
    expect(near).toMatch(/\d+ m away|\d\.\d km away/);
  });

  it('unknown pages are real 404s with a helpful page; API paths stay JSON', async () => {
    for (const url of [`/p/${uuidv7()}`, '/p/not-an-id', '/v/no-such-shop', '/nowhere']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('<meta name="robots" content="noindex">');
      expect(res.body).toContain('Back to the shops');
    }
    const api = await get('/trpc/nope.nothing');
    expect(api.headers['content-type']).toContain('application/json');
    const media = await get('/media/missing.webp');
    expect(media.statusCode).toBe(404);
    expect(media.headers['content-type']).toContain('application/json');
  });

  it('guest order pages need the tracking token', async () => {
    const croissant = productNamed(shops, 'Butter Croissant');
    const anon = await (await import('../seed/caller')).callerAs(database, testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN }));
    const vendorId = croissant.vendorId;
    const placed = await anon.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: 'Grace Hopper', email: 'grace@example.test', phone: '' },
      items: [{ variantId: croissant.variants[0]!.id, quantity: 3 }],
      fulfilment: [{ vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    const order = placed.orders[0]!;
    const page = await get(`/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Order placed');
    expect(page.body).toContain('3 × Butter Croissant');
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    expect((await get(`/orders/${order.id}`)).statusCode).toBe(404);
    expect((await get(`/orders/${order.id}?t=wrong-token-wrong`)).statusCode).toBe(404);
    const confirmation = await get(`/confirmation?o=${order.id}.${encodeURIComponent(order.trackingToken)}`);
    expect(confirmation.body).toContain('Your order is placed');
    expect(confirmation.body).toContain(order.number);
  });

  it('serves sitemap.xml with every shop and product, and robots.txt pointing at it', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.headers['content-type']).toContain('application/xml');
    expect(sitemap.body).toContain(`<loc>${ORIGIN}/</loc>`);
    for (const s of shops) expect(sitemap.body).toContain(`<loc>${ORIGIN}/v/${s.slug}</loc>`);
    const productCount = shops.reduce((n, s) => n + s.products.length, 0);
    expect(sitemap.body.match(/<loc>[^<]+\/p\/[0-9a-f-]{36}<\/loc>/g)).toHaveLength(productCount);
    const robots = await get('/robots.txt');
    expect(robots.body).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(robots.body).toContain('Disallow: /checkout');
  });

  it('serves the hashed browser bundle compressed and cacheable for a year', async () => {
    const html = (await get('/')).body;
    const script = /<script type="module" src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await get(script!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toContain('text/javascript');
    const plain = await get(style!);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('--mantine');
    expect((await get('/assets/../../package.json')).statusCode).toBe(404);
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('serves the push service worker at /sw.js (scope /), revalidated on every check, never rendered as a page', async () => {
    const sw = await get('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toContain('text/javascript');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.body).toContain("addEventListener('push'");
    expect(sw.body).toContain("addEventListener('notificationclick'");
    expect(String(sw.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});
