import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { round } from '../lib/types';
import { generateCatalog } from './generate';
import { loadCatalog, replicateProducts } from './load-catalog';

const BENCH_VENDORS = 500;
/** generated in JS; larger catalogs (BENCH_SEARCH_PRODUCTS) are grown from it inside Postgres */
const BENCH_PRODUCTS = 100_000;

export interface PreparedCatalog {
  vendors: number;
  products: number;
  variants: number;
  search_words: number;
  generateSeconds: number;
  loadSeconds: number;
  replicateSeconds: number;
}

/**
 * Migrates an empty database and fills it with the generated 500-vendor, 100k-product catalog, grown to
 * `products` products when that is more (replicateProducts).
 */
export async function prepareCatalogDatabase(url: string, log: (m: string) => void, products = BENCH_PRODUCTS): Promise<PreparedCatalog> {
  const database = await openDatabase({ kind: 'postgres', url, max: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  const t0 = performance.now();
  const catalog = generateCatalog({ vendors: BENCH_VENDORS, products: BENCH_PRODUCTS });
  const generated = performance.now();
  await loadCatalog(url, catalog);
  const loaded = performance.now();
  log(`catalog: generated in ${round((generated - t0) / 1000, 1)} s, loaded + analysed in ${round((loaded - generated) / 1000, 1)} s`);
  await replicateProducts(url, products);
  const replicated = performance.now();
  if (products > BENCH_PRODUCTS) log(`catalog: grown to ${products} products in ${round((replicated - loaded) / 1000, 1)} s`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Omit<PreparedCatalog, 'generateSeconds' | 'loadSeconds'>>(
      `SELECT (SELECT count(*)::int FROM vendors) AS vendors, (SELECT count(*)::int FROM products) AS products,
              (SELECT count(*)::int FROM variants) AS variants, (SELECT count(*)::int FROM search_words) AS search_words`,
    );
    const counts = rows[0];
    if (!counts) throw new Error('catalog counts query returned no row');
    return {
      ...counts,
      generateSeconds: round((generated - t0) / 1000, 1),
      loadSeconds: round((loaded - generated) / 1000, 1),
      replicateSeconds: round((replicated - loaded) / 1000, 1),
    };
  } finally {
    await client.end();
  }
}
