import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The few fields of Lighthouse's result the bench reports. */
interface LighthouseAudit {
  numericValue?: number;
  score: number | null;
  displayValue?: string;
  details?: { items?: { url?: string; statusCode?: number }[] };
}

interface LighthouseResult {
  categories: { performance?: { score: number | null }; accessibility?: { score: number | null; auditRefs: { id: string; weight: number }[] } };
  audits: Record<string, LighthouseAudit | undefined>;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
}

type LighthouseFn = (
  url: string,
  flags: { port: number; output: 'json'; logLevel: 'error' | 'silent'; onlyCategories: string[]; disableStorageReset?: boolean },
) => Promise<{ lhr: LighthouseResult } | undefined>;

interface LaunchedChrome {
  port: number;
  kill(): void;
}
type LaunchFn = (opts: { chromePath: string; chromeFlags: string[]; logLevel?: 'silent' }) => Promise<LaunchedChrome>;

const CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];

/**
 * Lighthouse 12 is a devDependency of apps/web (the server package does not depend on it), so it and its
 * chrome-launcher are resolved from there. Nothing is downloaded: Chromium is Debian's.
 */
async function loadLighthouse(): Promise<{ lighthouse: LighthouseFn; launch: LaunchFn }> {
  const fromWeb = createRequire(new URL('../../../web/package.json', import.meta.url));
  const lighthousePath = fromWeb.resolve('lighthouse');
  const launcherPath = createRequire(lighthousePath).resolve('chrome-launcher');
  const lh = (await import(pathToFileURL(lighthousePath).href)) as { default: LighthouseFn };
  const cl = (await import(pathToFileURL(launcherPath).href)) as { launch: LaunchFn };
  return { lighthouse: lh.default, launch: cl.launch };
}

export interface LighthouseRun {
  score: number;
  /** 0–100; the accessibility audits that did not pass are listed in `accessibilityFailures` */
  accessibility: number;
  accessibilityFailures: string[];
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  totalBlockingTimeMs: number | null;
  cumulativeLayoutShift: number | null;
  speedIndexMs: number | null;
  interactiveMs: number | null;
  transferKB: number | null;
  warnings: string[];
}

const metric = (lhr: LighthouseResult, id: string, digits = 0) => {
  const v = lhr.audits[id]?.numericValue;
  return v === undefined ? null : Number(v.toFixed(digits));
};

/** The part of playwright-core (a devDependency of apps/web, like Lighthouse) used here. */
interface CdpPage {
  goto(url: string): Promise<unknown>;
  evaluate<A>(fn: (arg: A) => void, arg: A): Promise<void>;
  close(): Promise<void>;
}
interface CdpChromium {
  connectOverCDP(endpoint: string): Promise<{
    contexts(): { newPage(): Promise<CdpPage> }[];
    newContext(): Promise<{ newPage(): Promise<CdpPage> }>;
    close(): Promise<void>;
  }>;
}

/**
 * Puts `storage` into the origin's localStorage of the Chromium Lighthouse is about to drive (a visitor with a
 * cart), through playwright-core's CDP connection; Lighthouse then keeps it (`disableStorageReset`).
 */
async function fillLocalStorage(port: number, url: string, storage: Record<string, string>): Promise<void> {
  const fromWeb = createRequire(new URL('../../../web/package.json', import.meta.url));
  // playwright-core is CommonJS: its exports arrive as the namespace's default
  const mod = (await import(pathToFileURL(fromWeb.resolve('playwright-core')).href)) as { default?: { chromium: CdpChromium }; chromium?: CdpChromium };
  const chromium = mod.chromium ?? mod.default?.chromium;
  if (!chromium) throw new Error('playwright-core has no chromium export');
  const pw = { chromium };
  const browser = await pw.chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    await page.goto(new URL('/robots.txt', url).href);
    await page.evaluate((entries) => {
      // runs in the page (no DOM types here)
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
      for (const [k, v] of entries) storage.setItem(k, v);
    }, Object.entries(storage));
    await page.close();
  } finally {
    // ends the CDP connection only; the browser stays up for Lighthouse
    await browser.close();
  }
}

/**
 * Lighthouse's default config: the mobile preset (Moto G Power-class screen, simulated slow 4G and 4x CPU
 * slowdown), performance and accessibility. A fresh Chromium per run, so no cache is shared between runs;
 * `localStorage` (e.g. a cart) is written into it before the audit.
 */
export async function runLighthouse(url: string, localStorage?: Record<string, string>): Promise<LighthouseRun> {
  const { lighthouse, launch } = await loadLighthouse();
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    if (localStorage) await fillLocalStorage(chrome.port, url, localStorage);
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      disableStorageReset: localStorage !== undefined,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    // a storefront rebuilt meanwhile (other work on the machine) leaves the server naming deleted hashed files:
    // a page without its JavaScript scores 100 and means nothing
    const missing = (lhr.audits['network-requests']?.details?.items ?? []).filter((i) => (i.statusCode ?? 0) >= 400 && i.url?.includes('/assets/'));
    if (missing.length > 0) throw new Error(`${missing.length} storefront assets answered ${missing[0]?.statusCode} during the audit (apps/web rebuilt meanwhile?)`);
    const score = lhr.categories.performance?.score;
    if (score === null || score === undefined) throw new Error(`Lighthouse gave ${url} no performance score`);
    const bytes = metric(lhr, 'total-byte-weight');
    const a11y = lhr.categories.accessibility;
    const a11yFailures = (a11y?.auditRefs ?? []).filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1).map((r) => r.id);
    return {
      score: Math.round(score * 100),
      accessibility: Math.round((a11y?.score ?? 0) * 100),
      accessibilityFailures: a11yFailures,
      firstContentfulPaintMs: metric(lhr, 'first-contentful-paint'),
      largestContentfulPaintMs: metric(lhr, 'largest-contentful-paint'),
      totalBlockingTimeMs: metric(lhr, 'total-blocking-time'),
      cumulativeLayoutShift: metric(lhr, 'cumulative-layout-shift', 3),
      speedIndexMs: metric(lhr, 'speed-index'),
      interactiveMs: metric(lhr, 'interactive'),
      transferKB: bytes === null ? null : Math.round(bytes / 1024),
      warnings: lhr.runWarnings,
    };
  } finally {
    chrome.kill();
  }
}
