import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedCity } from '../seed/city-data';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { testEnv } from '../test/harness';
import { productNamed, seedStorefrontShops, type SeededShop } from '../test/storefront-shops';
import { buildApp } from './app';

/** A second city as seed data: its money, its clock and its postcode districts. */
const BERLIN: SeedCity = {
  name: 'Berlin',
  country: 'DE',
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  districts: [
    { code: '10115', name: 'Mitte', lat: 52.532, lng: 13.384 },
    { code: '10997', name: 'Kreuzberg', lat: 52.501, lng: 13.434 },
  ],
};
const BERLIN_ENV = { MARKET_LOCALE: 'de-DE', MARKET_CURRENCY: 'EUR', MARKET_COUNTRY: 'DE', MARKET_TIMEZONE: 'Europe/Berlin', MARKET_CITY: 'Berlin', MARKET_CITY_CENTRE: '52.52,13.405' };

function marketState(html: string): { locale: string; city: { name: string }; districts: { code: string }[] } {
  return JSON.parse(/<script type="application\/json" id="mk-market">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as never;
}

describe('a storefront configured for a second city and country (de-DE, EUR, Berlin)', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let shops: SeededShop[];
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-market-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = testEnv({ DATA_DIR: dataDir, ...BERLIN_ENV });
    shops = await seedStorefrontShops(database, env, BERLIN);
    app = await buildApp({ database, env });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes the product's price the German way and sends the browser the same settings and Berlin's districts", async () => {
    const croissant = productNamed(shops, 'Butter Croissant');
    const res = await app.inject({ method: 'GET', url: `/p/${croissant.productId}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="de-DE"');
    expect(res.body).toContain('2,40\u00a0€');
    expect(res.body).not.toContain('£');
    const market = marketState(res.body);
    expect(market).toMatchObject({ locale: 'de-DE', currency: 'EUR', country: 'DE', timezone: 'Europe/Berlin', city: { name: 'Berlin', lat: 52.52, lng: 13.405 } });
    expect(market.districts.map((d) => d.code)).toEqual(['10115', '10997']);
  });

  it('names the configured city on the home page', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.body).toContain('Popular shops in Berlin');
    expect(res.body).not.toContain('Bristol');
  });
});

describe('the same storefront with the default configuration', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let shops: SeededShop[];
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-market-'));

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const env = testEnv({ DATA_DIR: dataDir });
    shops = await seedStorefrontShops(database, env);
    app = await buildApp({ database, env });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is British, in pounds, in Bristol, as before', async () => {
    const res = await app.inject({ method: 'GET', url: `/p/${productNamed(shops, 'Butter Croissant').productId}` });
    expect(res.body).toContain('<html lang="en-GB"');
    expect(res.body).toContain('£2.40');
    expect(marketState(res.body)).toMatchObject({ locale: 'en-GB', city: { name: 'Bristol' } });
    expect(marketState(res.body).districts).toHaveLength(28);
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('Popular shops in Bristol');
  });
});
