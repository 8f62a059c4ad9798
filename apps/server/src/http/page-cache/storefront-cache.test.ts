import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerFixture } from '../../test/fixtures';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../test/db';
import { testEnv } from '../../test/harness';
import { productNamed, seedStorefrontShops, type SeededShop } from '../../test/storefront-shops';
import { buildApp } from '../app';

const ORIGIN = 'https://shop.example.test';

/** The inline scripts a browser would run (not JSON data), hashed the way a CSP names them. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/(ld\+)?json"/.test(m[1] ?? ''))
    .map((m) => `'sha256-${createHash('sha256').update(m[2] ?? '').digest('base64')}'`);
}

function scriptSrc(csp: unknown): string[] {
  const directive = String(csp).split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === 'script-src');
  return directive?.slice(1) ?? [];
}

/** A CDN's purge endpoint: records what the server asks to purge. */
async function startPurgeEndpoint(): Promise<{ url: string; received: { auth: string | undefined; body: unknown }[]; server: Server }> {
  const received: { auth: string | undefined; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) as unknown });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`, received, server };
}

for (const kind of DB_KINDS) {
  describe(`the shared page cache [${kind}]`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let cold: FastifyInstance;
    let shops: SeededShop[];
    let purge: Awaited<ReturnType<typeof startPurgeEndpoint>>;
    const dataDir = mkdtempSync(join(tmpdir(), 'makeries-page-cache-'));

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      purge = await startPurgeEndpoint();
      const env = testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN, PAGE_CACHE_PURGE_URL: purge.url, PAGE_CACHE_PURGE_TOKEN: 'cdn-token' });
      shops = await seedStorefrontShops(database, env);
      app = await buildApp({ database, env });
      cold = await buildApp({ database, env: testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN, PAGE_CACHE: 'off' }) });
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      await cold?.close();
      await database?.destroy();
      purge?.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const get = (url: string, headers: Record<string, string> = {}, on = app) => app && on.inject({ method: 'GET', url, headers });

    it('renders a product page once and serves the copy to everyone, signed-in visitors included', async () => {
      const croissant = productNamed(shops, 'Butter Croissant');
      const first = await get(`/p/${croissant.productId}`);
      expect([first.statusCode, first.headers['x-page-cache']]).toEqual([200, 'miss']);
      const second = await get(`/p/${croissant.productId}`);
      expect(second.headers['x-page-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);

      const customer = await createCustomerFixture(database.db);
      const signedIn = await get(`/p/${croissant.productId}`, { cookie: `mk_session=${customer.cookie}` });
      expect(signedIn.headers['x-page-cache']).toBe('hit');
      expect(signedIn.body).toBe(first.body);
      expect(signedIn.headers['set-cookie']).toBeUndefined();
      // the header's account part is the anonymous one; the browser asks who is signed in after hydration
      expect(first.body).not.toContain(customer.email);
      expect(first.body).not.toContain('"auth","me"');
      expect((await get('/cart', { cookie: `mk_session=${customer.cookie}` })).body).toContain('"auth","me"');
    });

    it('shareable pages are public for a CDN, vary only by encoding, and allow their inline scripts by hash', async () => {
      const res = await get('/v/clifton-cheese-room', { 'accept-encoding': 'gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=0, s-maxage=5, stale-while-revalidate=30');
      expect(res.headers.vary).toBe('accept-encoding');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-tag']).toBe(`pages,shop-${shops.find((s) => s.slug === 'clifton-cheese-room')?.vendorId ?? ''}`);
      const plain = await get('/v/clifton-cheese-room');
      const hashes = inlineScriptHashes(plain.body);
      expect(hashes.length).toBeGreaterThan(0);
      expect(scriptSrc(res.headers['content-security-policy'])).toEqual(["'self'", ...hashes]);
      expect(String(res.headers['content-security-policy'])).not.toContain('nonce');
      expect(plain.body).not.toContain('nonce=');
      // the visitor's own pages stay private, per request, with a nonce
      const cart = await get('/cart');
      expect(cart.headers['cache-control']).toBe('private, no-cache');
      expect(cart.headers.vary).toBe('accept-encoding, cookie');
      expect(cart.headers['x-page-cache']).toBeUndefined();
      expect(scriptSrc(cart.headers['content-security-policy'])[1]).toMatch(/^'nonce-/);
    });

    it('answers If-None-Match with 304, for either encoding', async () => {
      const res = await get('/search?q=bread', { 'accept-encoding': 'gzip' });
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+-gz"$/);
      const again = await get('/search?q=bread', { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect([again.statusCode, again.body, again.headers.etag]).toEqual([304, '', etag]);
      const plain = await get('/search?q=bread', { 'if-none-match': etag });
      expect(plain.statusCode).toBe(304);
      expect((await get('/search?q=bread', { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    });

    it('keys on the sorted query and the saved location, nothing else', async () => {
      const a = await get('/search?sort=price_asc&q=cheese');
      const b = await get('/search?q=cheese&sort=price_asc', { cookie: 'other=1; mk_session=nobody' });
      expect(a.statusCode).toBe(200);
      expect(b.headers['x-page-cache']).toBe('hit');
      const near = { cookie: `mk_loc=${encodeURIComponent('51.4560|-2.6180|BS8 · Clifton')}` };
      const home = await get('/');
      const nearHome = await get('/', near);
      expect(nearHome.body).toContain('Shops near BS8 · Clifton');
      expect(home.body).not.toContain('Shops near BS8 · Clifton');
      expect((await get('/', near)).headers['x-page-cache']).toBe('hit');
      // a page for one saved location is not for a CDN to hand to everyone
      expect(nearHome.headers['cache-control']).toBe('private, no-cache');
      // a broken location cookie is no location at all: the shared copy
      expect((await get('/', { cookie: 'mk_loc=garbage' })).body).toBe(home.body);
    });

    it("a shop's change reaches its product page and the market pages at once, not other shops' pages", async () => {
      const croissant = productNamed(shops, 'Butter Croissant');
      const cheddar = productNamed(shops, 'Montgomery Cheddar');
      const bakery = shops.find((s) => s.slug === 'harbourside-bakehouse');
      if (!bakery) throw new Error('no bakery');
      for (const url of [`/p/${croissant.productId}`, `/p/${cheddar.productId}`, '/']) await get(url);
      expect((await get(`/p/${croissant.productId}`)).headers['x-page-cache']).toBe('hit');
      purge.received.length = 0;

      await bakery.owner.products.update({ productId: croissant.productId, name: 'Butter Croissant XL' });
      await expect.poll(async () => (await get(`/p/${croissant.productId}`)).body, { timeout: 2_000, interval: 50 }).toContain('Butter Croissant XL</h1>');
      // the same notification dropped the home page (it shows every shop)
      expect((await get('/')).headers['x-page-cache']).toBe('miss');
      expect((await get(`/p/${cheddar.productId}`)).headers['x-page-cache']).toBe('hit');
      // the CDN is told which tagged pages went stale
      await expect.poll(() => purge.received.map((r) => r.body), { timeout: 2_000 }).toContainEqual({ tags: [`shop-${bakery.vendorId}`, 'market'] });
      expect(purge.received[0]?.auth).toBe('Bearer cdn-token');
      await bakery.owner.products.update({ productId: croissant.productId, name: 'Butter Croissant' });
    });

    it('with PAGE_CACHE=off every page is rendered per request, with the same shareable headers', async () => {
      const croissant = productNamed(shops, 'Butter Croissant');
      const one = await get(`/p/${croissant.productId}`, {}, cold);
      const two = await get(`/p/${croissant.productId}`, {}, cold);
      expect([one.headers['x-page-cache'], two.headers['x-page-cache']]).toEqual(['miss', 'miss']);
      expect(two.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=/);
    });
  });
}
