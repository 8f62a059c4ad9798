import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { testEnv } from '../test/harness';
import { seedStorefrontShops } from '../test/storefront-shops';
import { buildApp } from './app';
import { PERMISSIONS_POLICY } from './security-headers';

type Headers = Record<string, string | string[] | number | undefined>;

/** The CSP as directive → sources. */
function csp(headers: Headers): Map<string, string[]> {
  const text = String(headers['content-security-policy'] ?? '');
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

function expectCommonHeaders(headers: Headers): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
  expect(csp(headers).get('frame-ancestors')).toEqual(["'none'"]);
}

describe('security headers (helmet) on pages and API answers', () => {
  let database: TestDatabase;
  let plain: FastifyInstance;
  let withStripe: FastifyInstance;
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-headers-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = testEnv({ DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000' });
    await seedStorefrontShops(database, env);
    plain = await buildApp({ database, env });
    withStripe = await buildApp({
      database,
      env: testEnv({ DATA_DIR: dataDir, PUBLIC_URL: 'https://shop.example.test', STRIPE_PUBLISHABLE_KEY: 'pk_test_fake', STRIPE_SECRET_KEY: 'sk_test_fake' }),
    });
  }, 180_000);

  afterAll(async () => {
    await plain?.close();
    await withStripe?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a visitor's own page gets a CSP that allows only its own scripts, plus a fresh nonce carried by its inline scripts", async () => {
    const res = await plain.inject({ method: 'GET', url: '/cart' });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers);
    const policy = csp(res.headers);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    expect(scriptSrc).toHaveLength(2);
    expect(scriptSrc[0]).toBe("'self'");
    const nonce = /^'nonce-([A-Za-z0-9+/=]{20,})'$/.exec(scriptSrc[1] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(policy.has('upgrade-insecure-requests')).toBe(false);

    // every inline script either carries this answer's nonce or is data the browser never runs
    const inline = [...res.body.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(inline.length).toBeGreaterThan(1);
    for (const attrs of inline) {
      const isData = /type="application\/(ld\+)?json"/.test(attrs);
      if (!isData) expect(attrs).toContain(`nonce="${nonce}"`);
    }
    expect(res.body).toContain('<script type="application/json" id="mk-query-state">');

    const again = await plain.inject({ method: 'GET', url: '/cart' });
    expect(csp(again.headers).get('script-src')?.[1]).not.toBe(scriptSrc[1]);
  });

  it('a shared (cached) page cannot carry a per-request nonce: its inline scripts are allowed by their hashes', async () => {
    const res = await plain.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers);
    const policy = csp(res.headers);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    const inline = [...res.body.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/type="application\/(ld\+)?json"/.test(m[1] ?? ''));
    expect(inline.length).toBeGreaterThan(0);
    const hashes = inline.map((m) => `'sha256-${createHash('sha256').update(m[2] ?? '').digest('base64')}'`);
    expect(policy.get('script-src')).toEqual(["'self'", ...hashes]);
    // the copy served next is the same page under the same policy
    const again = await plain.inject({ method: 'GET', url: '/' });
    expect([again.body, again.headers['content-security-policy']]).toEqual([res.body, res.headers['content-security-policy']]);
    const stripe = csp((await withStripe.inject({ method: 'GET', url: '/' })).headers);
    expect(stripe.get('script-src')?.at(-1)).toBe('https://js.stripe.com');
    expect(stripe.has('upgrade-insecure-requests')).toBe(true);
  });

  it('with card payments configured, Stripe.js, its frames and its API are allowed; https adds HSTS', async () => {
    const res = await withStripe.inject({ method: 'GET', url: '/checkout' });
    expectCommonHeaders(res.headers);
    const policy = csp(res.headers);
    expect(policy.get('script-src')).toContain('https://js.stripe.com');
    expect(policy.get('frame-src')).toEqual(['https://js.stripe.com', 'https://hooks.stripe.com']);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://api.stripe.com']);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('tRPC answers get the same headers with a CSP that lets nothing load', async () => {
    const res = await plain.inject({ method: 'GET', url: '/trpc/auth.me' });
    expectCommonHeaders(res.headers);
    const policy = csp(res.headers);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');

    const https = await withStripe.inject({ method: 'POST', url: '/trpc/auth.customerLogin', payload: {} });
    expectCommonHeaders(https.headers);
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('health, media and unknown API paths carry the headers too; pictures may be shown by other sites', async () => {
    const health = await plain.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expectCommonHeaders(health.headers);
    expect(csp(health.headers).get('default-src')).toEqual(["'none'"]);

    const media = await plain.inject({ method: 'GET', url: '/media/none.webp' });
    expect(media.statusCode).toBe(404);
    expectCommonHeaders(media.headers);
    expect(media.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const webhook = await withStripe.inject({ method: 'POST', url: '/webhooks/stripe', payload: '{}', headers: { 'content-type': 'application/json' } });
    expectCommonHeaders(webhook.headers);
  });
});
