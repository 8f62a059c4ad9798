import { loadTest, type LoadResult } from '../lib/load';
import { budget, round, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';
import { BROWSER_HEADERS, SEARCH_API, SEARCH_PAGES, storefrontRig } from '../web/storefront-traffic';

const CONNECTIONS = 10;
const PRODUCT_PAGES = 2_000;
const SOAK_SECONDS = 600;
const SAMPLE_EVERY_MS = 5_000;
const MB = 1024 * 1024;

/** Least-squares slope of RSS over time, in MB per minute. */
function slopeMbPerMin(samples: { sec: number; rssMb: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.sec, 0) / n;
  const my = samples.reduce((a, s) => a + s.rssMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.sec - mx) * (s.rssMb - my);
    den += (s.sec - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

/**
 * A 10-minute soak (BENCH_SCALE shortens it) of mixed anonymous traffic: product pages spread over 2,000
 * products (more than the page cache holds at once, so it evicts and re-renders), home, search result pages
 * and the storefront's search API calls, 10 visitors. The server's RSS is sampled every 5 s: start, peak, end
 * and the slope over the second half (flat = no growth once warm).
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  const rig = await storefrontRig(ctx, 'mk_bench_soak', PRODUCT_PAGES);
  try {
    const app = await rig.start(true);
    const samples: { sec: number; rssMb: number; heapUsedMb?: number; heapTotalMb?: number; externalMb?: number }[] = [];
    let load: LoadResult;
    try {
      const t0 = Date.now();
      const sample = async () => {
        const m = await app.stats();
        samples.push({ sec: (Date.now() - t0) / 1000, rssMb: round(m.rss / MB, 1), heapUsedMb: round(m.heapUsed / MB, 1), heapTotalMb: round(m.heapTotal / MB, 1), externalMb: round(m.external / MB, 1) });
      };
      await sample();
      const timer = setInterval(() => void sample(), SAMPLE_EVERY_MS);
      // the mix: roughly 6 product pages : 1 home : 2 search pages : 3 search API calls
      const paths = [...rig.productPaths, ...Array<string>(200).fill('/'), ...SEARCH_PAGES.flatMap((p) => Array<string>(33).fill(p)), ...SEARCH_API.flatMap((p) => Array<string>(25).fill(p))];
      const mixed = paths.sort(() => Math.random() - 0.5);
      const seconds = Math.max(30, Math.round(SOAK_SECONDS * ctx.scale));
      ctx.log(`soak: ${seconds} s of mixed storefront traffic`);
      try {
        load = await loadTest({ baseUrl: `http://127.0.0.1:${app.port}`, paths: mixed, headers: BROWSER_HEADERS, connections: CONNECTIONS, durationSec: seconds });
      } finally {
        clearInterval(timer);
      }
      await sample();
    } finally {
      const peak = (await app.stats()).peakRss;
      samples.push({ sec: -1, rssMb: round(peak / MB, 1) });
      await app.stop();
    }
    const peakRssMb = samples.pop()?.rssMb ?? 0;
    const secondHalf = samples.filter((s) => s.sec >= (samples.at(-1)?.sec ?? 0) / 2);
    const rss = { startMb: samples[0]?.rssMb ?? 0, peakMb: peakRssMb, endMb: samples.at(-1)?.rssMb ?? 0, slopeMbPerMinSecondHalf: round(slopeMbPerMin(secondHalf)), slopeMbPerMinAll: round(slopeMbPerMin(samples)) };
    return {
      budgets: [
        budget('server peak RSS, mixed storefront + search soak', rss.peakMb, 'MB', 'max', 300),
        budget('RSS growth over the soak second half', Math.abs(rss.slopeMbPerMinSecondHalf), 'MB/min', 'max', 2),
      ],
      metrics: { rss, load, samples, productPages: rig.productPaths.length, connections: CONNECTIONS },
    };
  } finally {
    await rig.db.drop();
  }
}

export const section: BenchSection = { name: 'soak', order: 90, run };
