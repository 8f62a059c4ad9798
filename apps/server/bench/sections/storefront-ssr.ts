import { startChildServer, type ChildServer } from '../lib/child';
import { warmUp } from '../lib/load';
import { loadWithCpu, measureBareHttp } from '../lib/measure';
import { createBenchDatabase } from '../lib/postgres';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';
import { prepareCatalogDatabase } from '../search/prepare';
import { ensureStorefrontBuild } from '../web/build';
import { checkPages, sampleProductPaths } from '../web/pages';

/** Concurrent visitors in the closed-loop run (each sends its next request as soon as a page arrives). */
const CONNECTIONS = 10;
const PRODUCT_PAGES = 60;
const MB = 1024 * 1024;
/** what a browser sends: the server compresses pages, and that cost belongs in the figure */
const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

async function measurePages(ctx: BenchContext, app: ChildServer, productPaths: string[]) {
  const base = `http://127.0.0.1:${app.port}`;
  const checks = {
    product: await checkPages(base, productPaths, BROWSER_HEADERS),
    home: await checkPages(base, ['/'], BROWSER_HEADERS),
  };
  const s = ctx.scale;
  const product = { baseUrl: base, paths: productPaths, headers: BROWSER_HEADERS };
  await warmUp({ ...product, connections: CONNECTIONS }, 3 * s);
  ctx.log('product page SSR: loading');
  const productLoad = await loadWithCpu(ctx, app, { ...product, connections: CONNECTIONS, durationSec: 10 * s });
  const productSerial = await loadWithCpu(ctx, app, { ...product, connections: 1, durationSec: 4 * s });
  ctx.log('home page SSR: loading');
  const home = { baseUrl: base, paths: ['/'], headers: BROWSER_HEADERS };
  const homeLoad = await loadWithCpu(ctx, app, { ...home, connections: CONNECTIONS, durationSec: 5 * s });
  const memory = await app.stats();
  return { checks, productLoad, productSerial, homeLoad, memory };
}

/**
 * Product page server render under load: the real server rendering the real storefront (React Router loaders
 * through in-process tRPC, renderToString, gzip) over the generated 100k-product catalog. The page is written
 * in one piece, so the response time autocannon reports is the time to first byte plus a localhost transfer.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  ensureStorefrontBuild(ctx.log);
  const db = await createBenchDatabase(ctx.postgres, 'mk_bench_ssr');
  try {
    const dataset = await prepareCatalogDatabase(db.url, ctx.log);
    const productPaths = await sampleProductPaths(db.url, PRODUCT_PAGES);
    const app = await startChildServer(new URL('../lib/app-server.ts', import.meta.url), { BENCH_APP_DATABASE_URL: db.url });
    let measured: Awaited<ReturnType<typeof measurePages>>;
    try {
      measured = await measurePages(ctx, app, productPaths);
    } finally {
      await app.stop();
    }
    const bare = await measureBareHttp(ctx, CONNECTIONS);
    const { productLoad, productSerial, homeLoad, memory } = measured;
    return {
      budgets: [
        budget('product page SSR TTFB p95 (10 concurrent visitors)', productLoad.p95, 'ms', 'max', 100),
        budget('server peak RSS (SSR)', memory.peakRss / MB, 'MB', 'max', 400),
      ],
      metrics: {
        dataset,
        pageChecks: measured.checks,
        productPage: productLoad,
        productPageSerial: productSerial,
        homePage: homeLoad,
        bareHttp: bare,
        ratios: {
          productP50OverBareP50: round(productLoad.p50 / Math.max(0.01, bare.p50)),
          bareRpsOverProductRps: round(bare.rps / Math.max(1, productLoad.rps)),
          cpuBoundRpsOnTwoCores:
            productLoad.cpuMsPerRequest.postgres === null
              ? null
              : round(2000 / (productLoad.cpuMsPerRequest.server + productLoad.cpuMsPerRequest.postgres), 0),
        },
        serverMemoryMB: { rssAfterLoad: round(memory.rss / MB, 1), peakRss: round(memory.peakRss / MB, 1) },
        connections: CONNECTIONS,
      },
    };
  } finally {
    await db.drop();
  }
}

export const section: BenchSection = { name: 'storefront-ssr', order: 20, run };
