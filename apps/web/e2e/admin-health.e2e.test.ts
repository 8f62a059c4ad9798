import { readFileSync } from 'node:fs';
import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices } from '../../server/src/db/schema/index';
import { refreshHealthRollups } from '../../server/src/services/health/refresh';
import { insertCheckout, insertOrder } from '../../server/src/services/health/test-kit';
import { createOperatorFixture, operatorSessionCookie } from '../../server/src/services/operators/test-kit';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const DAY = 86_400_000;

/**
 * The operator's health page in Chromium against the real server: figures, charts with their table fallback, the
 * watch lists, the CSV download, at desktop and phone widths; signed out it shows nothing of the market.
 */
describe('market health in the operator console', () => {
  let market: LiveMarket;
  let cookie = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    const db = market.database.db;
    const [a, b] = market.shops;
    if (!a || !b) throw new Error('the seed has shops');
    const now = Date.now();
    // two weeks of trade: web orders with their checkouts, counter sales, a few carts never paid
    for (let d = 0; d < 14; d++) {
      for (let k = 0; k < 1 + (d % 3); k++) {
        const placedAt = new Date(now - d * DAY - k * 3_600_000);
        const checkoutId = await insertCheckout(db, placedAt);
        await insertOrder(db, { vendorId: a.vendorId, channel: 'web', placedAt, totalCents: 1250 + 300 * k, checkoutId, paymentStatus: 'paid' });
        await insertOrder(db, { vendorId: b.vendorId, channel: 'counter', placedAt, totalCents: 820 + 150 * d });
      }
      if (d % 4 === 0) await insertCheckout(db, new Date(now - d * DAY));
    }
    await db.insert(devices).values({ id: uuidv7(), vendorId: b.vendorId, name: 'Back till', registerCode: 'BT', tokenHash: uuidv7(), pairedAt: new Date(now - 90 * DAY), lastSeenAt: new Date(now - 3 * DAY) });
    await refreshHealthRollups(db, market.env.MARKET_TIMEZONE);
    const operator = await createOperatorFixture(db);
    cookie = await operatorSessionCookie(db, operator.operator.id);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport: { width: number; height: number }, signedIn = true): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(market, viewport, signedIn ? { operator: cookie } : {}, { acceptDownloads: true });
    contexts.push(opened.context);
    return opened;
  }

  const visit = (page: Page, path: string) => visitHydrated(market, page, path);

  it('shows the figures, charts and watch lists, and downloads the CSV', async () => {
    const { page, errors } = await open(DESKTOP);
    await visit(page, '/admin/health');
    await page.getByRole('heading', { name: 'Market health' }).waitFor();
    await page.getByText('Checkout conversion').waitFor();
    await page.getByRole('img', { name: /^GMV per day:/ }).waitFor();
    await page.getByText('Back till (BT)').waitFor();
    expect(await page.getByText('Active shops').count()).toBe(1);
    await shoot(page, 'admin-health-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^makeries-health-day-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^period_start,currency,orders,web_orders,counter_orders,gmv_minor/);
    expect(csv.split('\r\n').length).toBe(32);

    // by week: the range widens to whole weeks
    await page.getByText('By week').click();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('img', { name: /^GMV per week:/ }).waitFor();
    await page.getByText('(whole weeks, Monday to Sunday)').waitFor();
    expect(errors).toEqual([]);
  });

  it('fits a phone, with the chart numbers in a table', async () => {
    const { page, errors } = await open(PHONE);
    await visit(page, '/admin/health');
    await page.getByRole('img', { name: /^Orders per day:/ }).waitFor();
    await page.getByText('Show as table').first().click();
    await page.getByRole('columnheader', { name: 'Counter' }).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'admin-health-phone');
    expect(errors).toEqual([]);
  });

  it('shows nothing of the market without an operator session: the console asks to sign in first', async () => {
    const { page } = await open(DESKTOP, false);
    await visit(page, '/admin/health');
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Fhealth$/);
    await page.getByRole('form', { name: 'Operator sign-in' }).waitFor();
    expect(await page.getByText('Checkout conversion').count()).toBe(0);
    expect(await page.content()).not.toContain('GMV');
  });
});
