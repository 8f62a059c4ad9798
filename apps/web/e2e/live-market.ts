import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
// The end-to-end test drives the whole product: the real server (by relative path — the web package never
// depends on the server package) on PGlite, and the built storefront it serves.
import type { Env } from '../../server/src/env';
import { buildApp } from '../../server/src/http/app';
import type { AppRouter } from '../../server/src/routers/index';
import { callerAs } from '../../server/src/seed/caller';
import { createTestDatabase, type TestDatabase } from '../../server/src/test/db';
import { testEnv } from '../../server/src/test/harness';
import { seedStorefrontShops, type SeededShop } from '../../server/src/test/storefront-shops';

/**
 * A real marketplace for browser tests: PGlite with the small storefront seed, the HTTP server on a free
 * loopback port (PUBLIC_URL matches it, so cookie sessions pass the origin check), and Debian's Chromium.
 */
export interface LiveMarket {
  base: string;
  env: Env;
  database: TestDatabase;
  shops: SeededShop[];
  browser: Browser;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `envOverrides` configure the server (e.g. Stripe keys) beside the test defaults. */
export async function startLiveMarket(envOverrides: Record<string, string> = {}): Promise<LiveMarket> {
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = testEnv({ ...envOverrides, DATA_DIR: dataDir, PUBLIC_URL: base });
  const database = await createTestDatabase('pglite');
  const shops = await seedStorefrontShops(database, env);
  const app = await buildApp({ database, env });
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  return {
    base,
    env,
    database,
    shops,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A counter paired to the shop, talking to the server over HTTP with its device token, as the real one does. */
export async function pairCounter(market: LiveMarket, shop: SeededShop) {
  const { code } = await shop.owner.devices.createPairingCode({ deviceName: 'Front counter' });
  const anon = await callerAs(market.database, market.env);
  const { deviceToken } = await anon.devices.pair({ code });
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${market.base}/trpc`, headers: { authorization: `Bearer ${deviceToken}` } })],
  });
}

const SHOTS_DIR = process.env.WEB_SHOTS_DIR ?? '/tmp/web-shots';

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // lazy pictures below the fold: load them all so the full-page shot shows the page as a shopper sees it
  await page.evaluate(() => document.querySelectorAll('img[loading="lazy"]').forEach((img) => img.setAttribute('loading', 'eager')));
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Console errors and uncaught exceptions, so a test can insist the page stayed clean (hydration included). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Who the browser is signed in as: a customer's session cookie, the operator console's cookie, or both. */
export interface SignedIn {
  customer?: string;
  operator?: string;
}

/**
 * A fresh browser context on the market (British locale and clock) signed in as `who`, and its page with errors
 * collected (`collectPageErrors`). The caller closes the context.
 */
export async function openPage(
  market: LiveMarket,
  viewport: { width: number; height: number },
  who: SignedIn = {},
  options: Omit<BrowserContextOptions, 'viewport'> = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await market.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
  if (who.customer) await context.addCookies([{ name: 'mk_session', value: who.customer, url: market.base, httpOnly: true, sameSite: 'Lax' }]);
  if (who.operator) await context.addCookies([{ name: 'mk_op', value: who.operator, url: market.base, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page, errors: collectPageErrors(page) };
}

/** Opens `path` on the market and waits until the page has hydrated. */
export async function visitHydrated(market: LiveMarket, page: Page, path: string): Promise<void> {
  await page.goto(market.base + path);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}
