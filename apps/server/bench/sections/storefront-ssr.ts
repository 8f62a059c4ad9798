import { startChildServer, type ChildServer } from '../lib/child';
import { warmUp } from '../lib/load';
import { loadWithCpu, measureBareHttp, type CpuLoadResult } from '../lib/measure';
import { createBenchDatabase } from '../lib/postgres';
import { budget, round, type BenchContext, type BenchSection, type BudgetCheck, type SectionResult } from '../lib/types';
import { CATEGORIES } from '../search/catalog-words';
import { prepareCatalogDatabase } from '../search/prepare';
import { ensureStorefrontBuild } from '../web/build';
import { growMarket, refreshRollups } from '../web/more-shops';
import { checkPages, sampleProductPaths, type PageCheck } from '../web/pages';

/** Concurrent visitors in the closed-loop runs (each sends its next request as soon as a page arrives). */
const CONNECTIONS = 10;
const PRODUCT_PAGES = 60;
/** the market before and after it grows tenfold: no page's cost may grow with it (DESIGN §6) */
const SHOP_COUNTS = [500, 5_000] as const;
const MB = 1024 * 1024;
/** what a browser sends: the server compresses pages, and that cost belongs in the figure */
const BROWSER_HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
/** a shopper who saved a place in Bristol's centre (the cookie the location bar sets) */
const NEAR_CENTRE = { ...BROWSER_HEADERS, cookie: `mk_loc=${encodeURIComponent('51.4545|-2.5879|BS1 · Bristol')}` };
/** one word searches over the whole market (no location), one per category */
const SEARCH_PATHS = CATEGORIES.slice(0, 8).map((c) => `/search?q=${encodeURIComponent((c.nouns[0] ?? 'bread').split(' ')[0]?.toLowerCase() ?? 'bread')}`);

type PageName = 'home' | 'homeNearby' | 'search' | 'product';

interface PageFigures extends PageCheck {
  load: CpuLoadResult;
}

/** Each page kind: checked (200, canonical), warmed up, then loaded by 10 visitors; HTML size as a browser gets it. */
async function measurePageKinds(ctx: BenchContext, app: ChildServer, productPaths: string[]): Promise<Record<PageName, PageFigures>> {
  const base = `http://127.0.0.1:${app.port}`;
  const kinds: [PageName, string[], Record<string, string>][] = [
    ['home', ['/'], BROWSER_HEADERS],
    ['homeNearby', ['/'], NEAR_CENTRE],
    ['search', SEARCH_PATHS, BROWSER_HEADERS],
    ['product', productPaths, BROWSER_HEADERS],
  ];
  const out = {} as Record<PageName, PageFigures>;
  for (const [name, paths, headers] of kinds) {
    const check = await checkPages(base, paths, headers);
    const opts = { baseUrl: base, paths, headers, connections: CONNECTIONS };
    await warmUp(opts, 2 * ctx.scale);
    ctx.log(`  ${name}: loading`);
    out[name] = { ...check, load: await loadWithCpu(ctx, app, { ...opts, durationSec: 6 * ctx.scale }) };
  }
  return out;
}

/** The figures a reader compares: latency, throughput, bytes and CPU per page. */
function summary(f: PageFigures) {
  return {
    p50: f.load.p50,
    p95: f.load.p95,
    pages: f.load.ok,
    pagesPerSec: f.load.rps,
    htmlBytes: f.htmlBytes,
    gzipBytes: f.gzipBytes,
    cpuMsPerPage: f.load.cpuMsPerRequest,
    non2xx: f.load.non2xx,
  };
}

interface ScaleRun {
  pages: Record<PageName, PageFigures>;
  /** the same pages with the server's page cache switched off (PAGE_CACHE=off): every page rendered afresh */
  cacheBypass: Record<PageName, PageFigures>;
  peakRssMB: number;
}

async function withServer<T>(dbUrl: string, env: Record<string, string>, fn: (app: ChildServer) => Promise<T>): Promise<{ result: T; peakRss: number }> {
  const app = await startChildServer(new URL('../lib/app-server.ts', import.meta.url), { BENCH_APP_DATABASE_URL: dbUrl, ...env });
  try {
    const result = await fn(app);
    return { result, peakRss: (await app.stats()).peakRss };
  } finally {
    await app.stop();
  }
}

/** One market size: the pages as an anonymous visitor gets them (the cache as configured), then with the cache off. */
async function runScale(ctx: BenchContext, dbUrl: string, productPaths: string[], shops: number): Promise<ScaleRun & { productSerial: CpuLoadResult | null }> {
  ctx.log(`storefront at ${shops} shops`);
  const asIs = await withServer(dbUrl, process.env.PAGE_CACHE ? { PAGE_CACHE: process.env.PAGE_CACHE } : {}, async (app) => {
    const pages = await measurePageKinds(ctx, app, productPaths);
    const productSerial =
      shops === SHOP_COUNTS[0]
        ? await loadWithCpu(ctx, app, { baseUrl: `http://127.0.0.1:${app.port}`, paths: productPaths, headers: BROWSER_HEADERS, connections: 1, durationSec: 4 * ctx.scale })
        : null;
    return { pages, productSerial };
  });
  ctx.log(`storefront at ${shops} shops, page cache off`);
  const bypass = await withServer(dbUrl, { PAGE_CACHE: 'off' }, (app) => measurePageKinds(ctx, app, productPaths));
  return {
    pages: asIs.result.pages,
    productSerial: asIs.result.productSerial,
    cacheBypass: bypass.result,
    peakRssMB: round(Math.max(asIs.peakRss, bypass.peakRss) / MB, 1),
  };
}

const PAGE_NAMES: PageName[] = ['home', 'homeNearby', 'search', 'product'];

/**
 * p95 at 5,000 shops over p95 at 500: 1.0 is "cost does not grow with the market"; the target is within 20 %.
 * null when a run completed no page at all (a machine so busy that not one page came back within the run).
 */
function growth(small: Record<PageName, PageFigures>, big: Record<PageName, PageFigures>): Record<PageName, number | null> {
  const ratio = (n: PageName) => (small[n].load.ok > 0 && big[n].load.ok > 0 ? round(big[n].load.p95 / Math.max(0.01, small[n].load.p95)) : null);
  return Object.fromEntries(PAGE_NAMES.map((n) => [n, ratio(n)])) as Record<PageName, number | null>;
}

/**
 * Storefront server render under load: the real server rendering the real storefront (React Router loaders
 * through in-process tRPC, renderToString, gzip) over the generated 100k-product catalog — the home page
 * (anonymous, and with a saved place), a search page and product pages, each by 10 concurrent visitors, first
 * with 500 shops and again after the market grows to 5,000. A page is written in one piece, so the response
 * time autocannon reports is the time to first byte plus a localhost transfer.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  ensureStorefrontBuild(ctx.log);
  const db = await createBenchDatabase(ctx.postgres, 'mk_bench_ssr');
  try {
    const dataset = await prepareCatalogDatabase(db.url, ctx.log);
    await refreshRollups(db.url);
    const productPaths = await sampleProductPaths(db.url, PRODUCT_PAGES);
    const small = await runScale(ctx, db.url, productPaths, SHOP_COUNTS[0]);
    const grown = await growMarket(db.url, SHOP_COUNTS[1]);
    const big = await runScale(ctx, db.url, productPaths, SHOP_COUNTS[1]);
    const bare = await measureBareHttp(ctx, CONNECTIONS);
    const p95Growth = growth(small.pages, big.pages);
    const budgets: BudgetCheck[] = [
      budget('product page SSR TTFB p95 (10 concurrent visitors)', small.pages.product.load.p95, 'ms', 'max', 100),
      budget('server peak RSS (SSR)', Math.max(small.peakRssMB, big.peakRssMB), 'MB', 'max', 400),
      ...PAGE_NAMES.map((n) => budget(`${n} page HTML at ${SHOP_COUNTS[1]} shops`, big.pages[n].htmlBytes / 1024, 'KB', 'max', 100)),
      ...PAGE_NAMES.flatMap((n) => {
        const g = p95Growth[n];
        return g === null ? [] : [budget(`${n} page p95 at ${SHOP_COUNTS[1]} shops over ${SHOP_COUNTS[0]} shops`, g, 'x', 'max', 1.2)];
      }),
    ];
    const table = (r: Record<PageName, PageFigures>) => Object.fromEntries(PAGE_NAMES.map((n) => [n, summary(r[n])]));
    return {
      budgets,
      metrics: {
        dataset: { ...dataset, grownTo: grown },
        scales: {
          [SHOP_COUNTS[0]]: { pages: table(small.pages), cacheBypass: table(small.cacheBypass), peakRssMB: small.peakRssMB },
          [SHOP_COUNTS[1]]: { pages: table(big.pages), cacheBypass: table(big.cacheBypass), peakRssMB: big.peakRssMB },
        },
        p95GrowthAt5000Shops: p95Growth,
        cacheBypassP95GrowthAt5000Shops: growth(small.cacheBypass, big.cacheBypass),
        pageChecks: Object.fromEntries(PAGE_NAMES.map((n) => [n, { pages: small.pages[n].pages, htmlBytes: small.pages[n].htmlBytes, gzipBytes: small.pages[n].gzipBytes }])),
        productPage: small.pages.product.load,
        productPageSerial: small.productSerial,
        homePage: small.pages.home.load,
        bareHttp: bare,
        ratios: {
          productP50OverBareP50: round(small.pages.product.load.p50 / Math.max(0.01, bare.p50)),
          bareRpsOverProductRps: round(bare.rps / Math.max(1, small.pages.product.load.rps)),
          cpuBoundRpsOnTwoCores:
            small.pages.product.load.cpuMsPerRequest.postgres === null
              ? null
              : round(2000 / (small.pages.product.load.cpuMsPerRequest.server + small.pages.product.load.cpuMsPerRequest.postgres), 0),
        },
        serverMemoryMB: { peakRss: Math.max(small.peakRssMB, big.peakRssMB) },
        connections: CONNECTIONS,
      },
    };
  } finally {
    await db.drop();
  }
}

export const section: BenchSection = { name: 'storefront-ssr', order: 20, run };
