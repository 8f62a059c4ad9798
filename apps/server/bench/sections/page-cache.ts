import type { ChildServer } from '../lib/child';
import { warmUp } from '../lib/load';
import { loadWithCpu, measureBareHttp, type CpuLoadResult } from '../lib/measure';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';
import { checkPages } from '../web/pages';
import { BROWSER_HEADERS, SEARCH_PAGES, storefrontRig } from '../web/storefront-traffic';

const CONNECTIONS = 10;
const PRODUCT_PAGES = 60;
const MB = 1024 * 1024;

interface PageFigures {
  home: CpuLoadResult;
  product: CpuLoadResult;
  search: CpuLoadResult;
}

/** Home, product and search pages under the same closed-loop load (10 visitors). */
async function loadPages(ctx: BenchContext, app: ChildServer, productPaths: string[], label: string): Promise<PageFigures> {
  const base = `http://127.0.0.1:${app.port}`;
  const s = ctx.scale;
  const run = async (name: string, paths: string[], seconds: number) => {
    const opts = { baseUrl: base, paths, headers: BROWSER_HEADERS, connections: CONNECTIONS };
    // every page once (a warm cache holds them all), then the usual warm-up
    for (const path of paths) await (await fetch(base + path, { headers: BROWSER_HEADERS })).arrayBuffer();
    await warmUp(opts, Math.max(2, 2 * s));
    ctx.log(`page cache (${label}): ${name}`);
    // cold pages take hundreds of ms each under load: a short run would end before enough of them finish
    return loadWithCpu(ctx, app, { ...opts, durationSec: Math.max(5, seconds * s) });
  };
  return {
    home: await run('home', ['/'], 6),
    product: await run('product', productPaths, 8),
    search: await run('search', SEARCH_PAGES, 6),
  };
}

/** A browser revalidating pages it has: If-None-Match with the ETag it was given → 304, no body. */
async function revalidation(ctx: BenchContext, app: ChildServer, path: string): Promise<CpuLoadResult> {
  const base = `http://127.0.0.1:${app.port}`;
  const first = await fetch(base + path, { headers: BROWSER_HEADERS });
  await first.arrayBuffer();
  const etag = first.headers.get('etag');
  if (!etag) throw new Error(`${path} has no ETag`);
  const opts = { baseUrl: base, paths: [path], headers: { ...BROWSER_HEADERS, 'if-none-match': etag }, connections: CONNECTIONS, alsoOk: [304] };
  const check = await fetch(base + path, { headers: opts.headers });
  if (check.status !== 304) throw new Error(`If-None-Match on ${path} answered ${check.status}, not 304`);
  await warmUp(opts, 2 * ctx.scale);
  ctx.log('page cache: 304 revalidation');
  return loadWithCpu(ctx, app, { ...opts, durationSec: 6 * ctx.scale });
}

const brief = (r: CpuLoadResult) => ({ p50: r.p50, p95: r.p95, p99: r.p99, pagesPerSec: r.rps, serverCpuMs: r.cpuMsPerRequest.server, postgresCpuMs: r.cpuMsPerRequest.postgres, non2xx: r.non2xx });

/**
 * The shared page cache: home, product and search pages with the cache warm (served from memory), cold
 * (PAGE_CACHE=off: every page rendered), 304 revalidation, and the bare node:http handler of the same run.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const rig = await storefrontRig(ctx, 'mk_bench_cache', PRODUCT_PAGES);
  try {
    const warmApp = await rig.start(true);
    let warm: PageFigures;
    let notModified: CpuLoadResult;
    let pageChecks: Record<string, unknown>;
    let warmMemory: Awaited<ReturnType<ChildServer['stats']>>;
    try {
      const base = `http://127.0.0.1:${warmApp.port}`;
      pageChecks = {
        home: await checkPages(base, ['/'], BROWSER_HEADERS),
        product: await checkPages(base, rig.productPaths.slice(0, 5), BROWSER_HEADERS),
        search: await checkPages(base, SEARCH_PAGES.slice(0, 1), BROWSER_HEADERS),
      };
      warm = await loadPages(ctx, warmApp, rig.productPaths, 'warm');
      notModified = await revalidation(ctx, warmApp, rig.productPaths[0] ?? '/');
      warmMemory = await warmApp.stats();
    } finally {
      await warmApp.stop();
    }
    const coldApp = await rig.start(false);
    let cold: PageFigures;
    let coldMemory: Awaited<ReturnType<ChildServer['stats']>>;
    try {
      cold = await loadPages(ctx, coldApp, rig.productPaths, 'cold, PAGE_CACHE=off');
      coldMemory = await coldApp.stats();
    } finally {
      await coldApp.stop();
    }
    const bare = await measureBareHttp(ctx, CONNECTIONS);
    return {
      budgets: [
        budget('home page p95, cache warm (10 concurrent)', warm.home.p95, 'ms', 'max', 50),
        budget('home pages/s, cache warm', warm.home.rps, 'pages/s', 'min', 300),
        budget('product page p95, cache warm (10 concurrent)', warm.product.p95, 'ms', 'max', 50),
        budget('product pages/s, cache warm', warm.product.rps, 'pages/s', 'min', 300),
        budget('search page p95, cache warm (10 concurrent)', warm.search.p95, 'ms', 'max', 50),
      ],
      metrics: {
        dataset: rig.dataset,
        pageChecks,
        warm: { home: brief(warm.home), product: brief(warm.product), search: brief(warm.search) },
        cold: { home: brief(cold.home), product: brief(cold.product), search: brief(cold.search) },
        revalidation304: brief(notModified),
        bareHttp: bare,
        ratios: {
          productWarmRpsOverCold: round(warm.product.rps / Math.max(1, cold.product.rps)),
          homeWarmRpsOverCold: round(warm.home.rps / Math.max(1, cold.home.rps)),
          bareRpsOverProductWarmRps: round(bare.rps / Math.max(1, warm.product.rps)),
        },
        serverMemoryMB: {
          warm: { rss: round(warmMemory.rss / MB, 1), peakRss: round(warmMemory.peakRss / MB, 1) },
          cold: { rss: round(coldMemory.rss / MB, 1), peakRss: round(coldMemory.peakRss / MB, 1) },
        },
        connections: CONNECTIONS,
      },
    };
  } finally {
    await rig.db.drop();
  }
}

export const section: BenchSection = { name: 'page-cache', order: 22, run };
