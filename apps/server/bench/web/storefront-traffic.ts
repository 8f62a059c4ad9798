import { startChildServer, type ChildServer } from '../lib/child';
import { createBenchDatabase, type BenchDatabase } from '../lib/postgres';
import type { BenchContext } from '../lib/types';
import { prepareCatalogDatabase, type PreparedCatalog } from '../search/prepare';
import { ensureStorefrontBuild } from './build';
import { sampleProductPaths } from './pages';

/** what a browser sends: the server compresses pages, and that cost belongs in the figure */
export const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

const SERVER_HEAP = '--max-old-space-size=256';

const WORDS = ['bread', 'cheese', 'coffee', 'cake', 'honey', 'jam', 'soap', 'candle', 'olive', 'tea', 'chocolate', 'sourdough'];

/** Search result pages a visitor lands on (server-rendered, shareable). */
export const SEARCH_PAGES = WORDS.map((w) => `/search?q=${w}`);

/** The storefront's own search calls (tRPC over HTTP, never cached): global text search and with a location. */
export const SEARCH_API = WORDS.flatMap((q) => [
  `/trpc/search.products?input=${encodeURIComponent(JSON.stringify({ q }))}`,
  `/trpc/search.products?input=${encodeURIComponent(JSON.stringify({ q, near: { lat: 51.4545, lng: -2.5879 }, radiusKm: 5 }))}`,
]);

export interface StorefrontRig {
  db: BenchDatabase;
  dataset: PreparedCatalog;
  productPaths: string[];
  /** the real server as a child process; `pageCache: false` sets PAGE_CACHE=off */
  start(pageCache: boolean): Promise<ChildServer>;
}

/** The generated 100k-product catalog on a throwaway database, and a way to start the real server on it. */
export async function storefrontRig(ctx: BenchContext, dbName: string, productPages: number): Promise<StorefrontRig> {
  ensureStorefrontBuild(ctx.log);
  const db = await createBenchDatabase(ctx.postgres, dbName);
  try {
    const dataset = await prepareCatalogDatabase(db.url, ctx.log);
    const productPaths = await sampleProductPaths(db.url, productPages);
    return {
      db,
      dataset,
      productPaths,
      start: (pageCache) =>
        startChildServer(new URL('../lib/app-server.ts', import.meta.url), {
          BENCH_APP_DATABASE_URL: db.url,
          PAGE_CACHE: pageCache ? 'on' : 'off',
          // the heap limit `pnpm server` runs with (apps/server/package.json)
          NODE_OPTIONS: [process.env.NODE_OPTIONS, SERVER_HEAP].filter(Boolean).join(' '),
        }),
    };
  } catch (e) {
    await db.drop();
    throw e;
  }
}
