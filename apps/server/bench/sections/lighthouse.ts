import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from '../lib/child';
import { createBenchDatabase } from '../lib/postgres';
import { budget, type BenchContext, type BenchSection, type SectionResult } from '../lib/types';
import { prepareCatalogDatabase } from '../search/prepare';
import { ensureStorefrontBuild } from '../web/build';
import { sampleProductPaths } from '../web/pages';
import { drawPagePictures } from '../web/pictures';
import { runLighthouse, type LighthouseRun } from '../web/lighthouse-runner';

/** Lighthouse scores move by a few points run to run; the median of three is the figure. */
const RUNS = 3;

async function audit(ctx: BenchContext, url: string): Promise<{ median: LighthouseRun; scores: number[] }> {
  const runs: LighthouseRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    ctx.log(`lighthouse ${url} (${i + 1}/${RUNS})`);
    runs.push(await runLighthouse(url));
  }
  const sorted = [...runs].sort((a, b) => a.score - b.score);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no Lighthouse run');
  return { median, scores: runs.map((r) => r.score) };
}

/**
 * Lighthouse (mobile preset, Debian Chromium) on the real server with the generated 100k-product catalog (its
 * pages' pictures drawn first): the product page (DESIGN §9: performance ≥ 90) and the home page. The server is
 * idle apart from Lighthouse's own requests.
 */
async function run(ctx: BenchContext): Promise<SectionResult> {
  ensureStorefrontBuild(ctx.log);
  const db = await createBenchDatabase(ctx.postgres, 'mk_bench_lh');
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-bench-lh-'));
  try {
    const dataset = await prepareCatalogDatabase(db.url, ctx.log);
    const [productPath] = await sampleProductPaths(db.url, 1);
    if (!productPath) throw new Error('no product page to audit');
    const app = await startChildServer(new URL('../lib/app-server.ts', import.meta.url), { BENCH_APP_DATABASE_URL: db.url, BENCH_APP_DATA_DIR: dataDir });
    try {
      const base = `http://127.0.0.1:${app.port}`;
      const pictures = (await drawPagePictures(base, productPath, join(dataDir, 'media'))) + (await drawPagePictures(base, '/', join(dataDir, 'media')));
      const product = await audit(ctx, base + productPath);
      const home = await audit(ctx, `${base}/`);
      return {
        budgets: [
          budget('Lighthouse performance, product page (mobile)', product.median.score, 'score', 'min', 90),
          budget('Lighthouse performance, home page (mobile)', home.median.score, 'score', 'min', 90),
        ],
        metrics: {
          dataset: { vendors: dataset.vendors, products: dataset.products, picturesDrawn: pictures },
          productPath,
          productPage: product,
          homePage: home,
          runsPerPage: RUNS,
          preset: 'mobile (Lighthouse default: simulated slow 4G, 4x CPU slowdown)',
        },
      };
    } finally {
      await app.stop();
    }
  } finally {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const section: BenchSection = { name: 'lighthouse', order: 30, run };
