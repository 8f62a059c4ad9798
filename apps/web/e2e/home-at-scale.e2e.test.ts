import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addManyShops } from '../../server/src/test/many-shops';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EXTRA_SHOPS = 5_000;
const PAGE = 24;
/** Harbourside Bakehouse's own spot: with it as the shopper's place, that shop is the nearest of all. */
const AT_HARBOURSIDE = encodeURIComponent('51.4496|-2.5973|BS1 4QA · City centre');

const shopLinks = (html: string, from: string) => [...html.slice(html.indexOf(from)).matchAll(/href="\/v\/([a-z0-9-]+)"/g)].map((m) => m[1]);

/**
 * The home page of a market with 5,000 more shops than the storefront seed: it shows one page of shops (nearest
 * first, or the most popular), stays well under 100 KB of HTML, and pages with plain links, JavaScript or not.
 */
describe('the home page of a big market', () => {
  let market: LiveMarket;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    await addManyShops(market.database.db, EXTRA_SHOPS, { lat: 51.4545, lng: -2.5879 });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport: { width: number; height: number }, opts: { located?: boolean; javaScript?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', javaScriptEnabled: opts.javaScript ?? true });
    contexts.push(context);
    if (opts.located) await context.addCookies([{ name: 'mk_loc', value: AT_HARBOURSIDE, url: market.base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, errors: collectPageErrors(page) };
  }

  const get = async (path: string, cookie?: string) => {
    const res = await fetch(market.base + path, { headers: cookie ? { cookie } : {} });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  it('renders one page of the most popular shops, not the market, in under 100 KB', async () => {
    const html = await get('/');
    expect(Buffer.byteLength(html)).toBeLessThan(100_000);
    expect(html).toContain('Popular shops in Bristol');
    expect(html).toContain('Shops 1–24, most ordered first');
    const links = new Set(shopLinks(html, 'id="shops-title"'));
    expect(links.size).toBeGreaterThanOrEqual(PAGE);
    expect(links.size).toBeLessThanOrEqual(PAGE + 8); // the shop page links of "Popular right now" may add a few
    // the seeded shops sold something, the 5,000 new ones nothing yet: the popular ones come first
    expect(shopLinks(html, 'id="shops-title"').slice(0, 4).sort()).toEqual(market.shops.map((s) => s.slug).sort());
  });

  it('with a saved place lists the nearest shop first, and the next page by a plain link', async () => {
    const cookie = `mk_loc=${AT_HARBOURSIDE}`;
    const first = await get('/', cookie);
    expect(Buffer.byteLength(first)).toBeLessThan(100_000);
    expect(first).toContain('Shops near BS1 4QA · City centre');
    expect(shopLinks(first, 'id="shops-title"')[0]).toBe('harbourside-bakehouse');
    const next = /href="(\/\?shops=[^"#]+)#shops"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await get((next ?? '').replaceAll('&amp;', '&'), cookie);
    expect(Buffer.byteLength(second)).toBeLessThan(100_000);
    expect(second).toContain('Shops 25–48, nearest first');
    const onFirst = new Set(shopLinks(first, 'id="shops-title"').slice(0, PAGE));
    const onSecond = shopLinks(second, 'id="shops-title"').slice(0, PAGE);
    expect(onSecond).toHaveLength(PAGE);
    expect(onSecond.filter((s) => onFirst.has(s))).toEqual([]);
    // a page link that no longer fits (the shopper cleared their place) starts the list again instead of failing
    expect(await get(next ?? '')).toContain('Shops 1–24, most ordered first');
  });

  it('pages without JavaScript, and with it, on a phone and a desktop', async () => {
    const bare = await open(PHONE, { located: true, javaScript: false });
    await bare.page.goto(market.base + '/');
    await bare.page.getByRole('link', { name: 'Show more shops' }).click();
    await bare.page.getByText('Shops 25–48, nearest first').waitFor();
    await bare.page.getByRole('link', { name: 'Back to the nearest shops' }).click();
    await bare.page.getByText('Shops 1–24, nearest first').waitFor();

    for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      for (const located of [false, true]) {
        const { page, errors } = await open(viewport, { located });
        await page.goto(market.base + '/');
        await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
        await shoot(page, `home-${name}-${located ? 'location' : 'no-location'}`);
        await page.getByRole('link', { name: 'Show more shops' }).click();
        await page.getByText(`Shops 25–48, ${located ? 'nearest' : 'most ordered'} first`).waitFor();
        expect(errors).toEqual([]);
      }
    }
  });
});
