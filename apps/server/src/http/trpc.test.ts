import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addProduct } from '../services/orders/test-kit';
import { pairCounter } from '../services/sync/sync-test-kit';
import { createCustomerFixture, createVendorFixture } from '../test/fixtures';
import { describeEachDb, testEnv } from '../test/harness';
import { buildApp } from './app';

const ORIGIN = 'https://market.example.test';

interface Answer {
  result?: { data?: unknown };
  error?: { message?: string; data?: { appCode?: string; httpStatus?: number } };
}

describeEachDb('the tRPC endpoint: cookie mutations and body limits', (get) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-trpc-'));
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ database: get().database, env: testEnv({ DATA_DIR: dataDir, PUBLIC_URL: ORIGIN }) });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, payload: unknown, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'POST', url: `/trpc/${path}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });
    return { status: res.statusCode, body: res.json<Answer>() };
  };

  it('counts a customer cookie on a mutation only from our origin, or without Origin when Sec-Fetch-Site says same-origin', async () => {
    const { db } = get().database;
    const customer = await createCustomerFixture(db);
    const shop = await createVendorFixture(db);
    const cookie = `mk_session=${customer.cookie}`;
    const favourite = (headers: Record<string, string>) => post('favourites.set', { vendorId: shop.vendorId, on: true }, { cookie, ...headers });

    const foreign: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of foreign) {
      const refused = await favourite(headers);
      expect(refused.status).toBe(401);
      expect(refused.body.error?.data?.appCode).toBe('UNAUTHENTICATED');
    }
    // a foreign Origin is refused even if Sec-Fetch-Site claims otherwise
    expect((await favourite({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' })).status).toBe(401);
    expect((await favourite({ origin: ORIGIN })).status).toBe(200);
    expect((await favourite({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('takes bearer-token (counter and staff) mutations without any Origin', async () => {
    const counter = await pairCounter(get());
    // the receipt logo is a manager's: the device token alone is refused, the manager's staff proof header opens it
    const alone = await post('counterCustomers.removeReceiptLogo', null, { authorization: `Bearer ${counter.token}` });
    expect(alone.status).toBe(403);
    expect(alone.body.error?.data).toMatchObject({ appCode: 'FORBIDDEN' });
    const removed = await post('counterCustomers.removeReceiptLogo', null, { authorization: `Bearer ${counter.token}`, 'x-makeries-staff': counter.proofs.manager });
    expect(removed.status).toBe(200);
    const code = await post('devices.createPairingCode', { deviceName: 'Back till' }, { authorization: `Bearer ${counter.shop.ownerToken}` });
    expect(code.status).toBe(200);
  });

  it('refuses a 2 MB body with 413 and says why, in the shape tRPC clients read', async () => {
    const big = { email: 'someone@example.test', password: 'x'.repeat(2 * 1024 * 1024) };
    const res = await post('auth.staffLogin', big, {});
    expect(res.status).toBe(413);
    expect(res.body.error?.data).toMatchObject({ appCode: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect(res.body.error?.message).toBe('This request is too large: the server takes at most 1 MB here.');
    // the big-body routes are for their upload procedure only
    const batch = await app.inject({
      method: 'POST',
      url: '/trpc/products.uploadImageFromCounter,auth.staffLogin?batch=1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ 0: big, 1: big }),
    });
    expect(batch.statusCode).toBe(413);
    expect(batch.json<Answer[]>().map((a) => a.error?.data?.appCode)).toEqual(['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE']);
  });

  it('answers a batch whose procedure names run past 100 characters (Fastify’s default route parameter limit)', async () => {
    const names = ['market.settings', 'catalog.categories', 'market.settings', 'catalog.categories', 'market.settings', 'catalog.categories', 'market.settings'];
    expect(names.join(',').length).toBeGreaterThan(100);
    const input = encodeURIComponent(JSON.stringify({}));
    const res = await app.inject({ method: 'GET', url: `/trpc/${names.join(',')}?batch=1&input=${input}` });
    expect(res.statusCode).toBe(200);
    expect(res.json<unknown[]>()).toHaveLength(names.length);
  });

  it('lets a counter push a backlog bigger than 1 MB (the body is read; the content is then checked)', async () => {
    const counter = await pairCounter(get());
    const backlog = { epoch: 'x', mutations: [{ mutationId: 1, name: 'sale.complete', args: { note: 'n'.repeat(2 * 1024 * 1024) } }] };
    const res = await post('sync.push', backlog, { authorization: `Bearer ${counter.token}` });
    expect(res.status).not.toBe(413);
    expect(res.body.error?.data?.appCode).toBe('BAD_INPUT');
  });

  it('still takes a 3 MB product photo from a paired counter', async () => {
    const counter = await pairCounter(get());
    const bread = await addProduct(get().database.db, counter.shop.vendorId, { name: 'Sourdough', priceCents: 450 });
    const side = 1024;
    const noise = Buffer.alloc(side * side * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const png = await sharp(noise, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(png.length).toBeGreaterThan(3 * 1024 * 1024);
    const res = await post(
      'products.uploadImageFromCounter',
      { productId: bread.productId, contentType: 'image/png', dataBase64: png.toString('base64'), alt: '' },
      { authorization: `Bearer ${counter.token}`, 'x-makeries-staff': `${counter.proofs.cashier},${counter.proofs.manager}` },
    );
    expect(res.status).toBe(200);
    expect(res.body.result?.data).toMatchObject({ width: side, height: side, thumbUrl: expect.stringContaining(bread.productId) });
  });
});
