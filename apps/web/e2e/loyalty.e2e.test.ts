import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { productNamed } from '../../server/src/test/storefront-shops';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };

/**
 * Loyalty on the storefront (issue 18), in Chromium against the real server: the account page shows the
 * customer's card at each shop and the QR code for the counter; checkout offers the points and the order is
 * charged with them off.
 */
describe('loyalty in a browser', () => {
  let market: LiveMarket;
  let cookie = '';
  const contexts: BrowserContext[] = [];
  const shop = (slug: string) => market.shops.find((s) => s.slug === slug)!;

  beforeAll(async () => {
    market = await startLiveMarket();
    cookie = await customerCookie(market.database, market.env, { name: 'Lin Loyal', email: 'lin@example.test', password: 'lin-password-123' });
    const bakery = shop('harbourside-bakehouse');
    const coffee = shop('two-rivers-coffee');
    await bakery.owner.loyalty.setProgramme({ programme: { kind: 'stamps', minOrderCents: 200, stampsForReward: 8, rewardCents: 520, rewardName: 'free loaf' } });
    await coffee.owner.loyalty.setProgramme({ programme: { kind: 'points', pointsPerPound: 10, pointsPerPoundOff: 100 } });
    const buyer = await callerAs(market.database, market.env, { cookie });
    const order = async (slug: string, product: string, quantity: number) => {
      const p = productNamed(market.shops, product);
      const r = await buyer.orders.checkout({
        idempotencyKey: uuidv7(),
        contact: { name: 'Lin Loyal', email: 'lin@example.test', phone: '' },
        items: [{ variantId: p.variants[0]!.id, quantity }],
        fulfilment: [{ vendorId: shop(slug).vendorId, type: 'pickup' }],
        paymentMethod: 'pay_at_pickup',
      });
      await shop(slug).owner.orders.transition({ orderId: r.orders[0]!.id, to: 'accepted', prepMinutes: 10 });
    };
    for (let i = 0; i < 4; i++) await order('harbourside-bakehouse', 'Butter Croissant', 3);
    // £19.50 at 10 points per £1
    await order('two-rivers-coffee', 'Earl Grey Loose Leaf', 3);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    await context.addCookies([{ name: 'mk_session', value: cookie, url: market.base, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { page, errors: collectPageErrors(page) };
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  it('the account page shows each shop’s card and the QR code to show at the counter', async () => {
    const { page, errors } = await open();
    await visit(page, '/account');
    const cards = page.getByTestId('loyalty-card');
    await cards.filter({ hasText: 'Harbourside Bakehouse' }).getByText('4 of 8 stamps — 4 more for free loaf').waitFor();
    await cards.filter({ hasText: 'Two Rivers Coffee Roasters' }).getByText('195 points — worth £1.95 off').waitFor();
    const qr = page.getByRole('img', { name: 'Your loyalty QR code' });
    await qr.waitFor();
    // a full-page shot from the top, so the sticky header is where a visitor sees it
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'loyalty-account-phone');
    expect(errors).toEqual([]);
  });

  it('checkout offers the points and the order is placed with them off', async () => {
    const { page, errors } = await open();
    await visit(page, `/p/${productNamed(market.shops, 'Ethiopian Guji Filter').productId}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
    await visit(page, '/checkout');
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).waitFor();
    const offer = page.getByTestId('loyalty-offer');
    await offer.getByText('195 points — worth £1.95 off').waitFor();
    await offer.getByLabel('Use 195 points: £1.95 off').check();
    // £10.50 − £1.95
    await page.getByText('£8.55', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'loyalty-checkout-phone');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/confirmation\?/);
    const orders = await shop('two-rivers-coffee').owner.orders.listForVendor({ limit: 10 });
    const placed = orders.items.find((o) => o.totalCents === 855);
    expect(placed, JSON.stringify(orders.items.map((o) => o.totalCents))).toBeDefined();
    const buyer = await callerAs(market.database, market.env, { cookie });
    const mine = await buyer.loyalty.mine({});
    expect(mine.items.find((c) => c.vendorName === 'Two Rivers Coffee Roasters')?.units).toBe(0);
    expect(errors).toEqual([]);
  });
});
