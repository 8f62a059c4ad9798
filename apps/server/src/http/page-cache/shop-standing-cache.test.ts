import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProduct, type TestProduct } from '../../services/orders/test-kit';
import { operatorCaller } from '../../services/operators/shop-admin-test-kit';
import { vendorRollups } from '../../db/schema/index';
import { refreshStorefrontRollups } from '../../services/rollups/refresh';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { testEnv } from '../../test/harness';
import { buildApp } from '../app';

/**
 * An operator's suspension reaches the shared page cache at once: the shop's page and its product pages, cached a
 * moment before, answer 404, and the market pages are rendered again without it (issue 17).
 */
for (const kind of DB_KINDS) {
  describe(`the page cache when a shop is suspended [${kind}]`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let shop: VendorFixture;
    let jam: TestProduct;
    const dataDir = mkdtempSync(join(tmpdir(), 'makeries-standing-cache-'));
    const env = testEnv({ DATA_DIR: dataDir, PUBLIC_URL: 'https://shop.example.test' });

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      shop = await createVendorFixture(database.db, { name: 'Damson Jar Co' });
      jam = await addProduct(database.db, shop.vendorId, { name: 'Damson Jam', priceCents: 500, stock: 10 });
      await refreshStorefrontRollups(database.db);
      app = await buildApp({ database, env });
    });

    afterAll(async () => {
      await app?.close();
      await database?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const get = (url: string) => app.inject({ method: 'GET', url });

    it('drops the shop’s cached pages and the market pages that list it', async () => {
      for (const url of [`/v/${shop.slug}`, `/p/${jam.productId}`, '/search?q=damson']) {
        expect((await get(url)).statusCode).toBe(200);
        expect((await get(url)).headers['x-page-cache']).toBe('hit');
      }
      expect((await get('/search?q=damson')).body).toContain('Damson Jam');
      expect((await database.db.select({ id: vendorRollups.vendorId }).from(vendorRollups)).map((r) => r.id)).toContain(shop.vendorId);

      const { caller } = await operatorCaller(database, env);
      await caller.admin.shops.suspend({ vendorId: shop.vendorId, reason: 'Mislabelled allergens' });

      await expect.poll(async () => (await get(`/v/${shop.slug}`)).statusCode, { timeout: 5_000, interval: 50 }).toBe(404);
      expect((await get(`/p/${jam.productId}`)).statusCode).toBe(404);
      const search = await get('/search?q=damson');
      expect(search.statusCode).toBe(200);
      expect(search.body).not.toContain('Damson Jam');
      // the home page's shop list and counts, refreshed in the same commit
      expect((await database.db.select({ id: vendorRollups.vendorId }).from(vendorRollups)).map((r) => r.id)).not.toContain(shop.vendorId);
    });
  });
}
