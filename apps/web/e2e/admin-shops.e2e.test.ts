import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../../server/src/seed/caller';
import { createOperatorFixture, operatorSessionCookie } from '../../server/src/services/operators/test-kit';
import { ALWAYS_OPEN } from '../../server/src/test/fixtures';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SLUG = 'quincewood-preserves';
const SHOP = 'Quincewood Preserves';
const PRODUCT = 'Quincewood Marmalade';

/**
 * The operator's side of a shop's standing, in Chromium against a real server: a shop that registered waits in
 * the console's queue, the operator approves it and customers find it; the operator suspends it and it is gone
 * from search and its page, and a cart that still holds its item is refused at checkout by the shop's name.
 */
describe('operator console: shops', () => {
  let market: LiveMarket;
  let vendorId: string;
  let operatorCookie: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    const anon = await callerAs(market.database, market.env);
    const email = `owner@${SLUG}.example`;
    const { vendor } = await anon.vendors.register({
      slug: SLUG,
      name: SHOP,
      description: 'Marmalades and fruit cheeses from an orchard in Long Ashton.',
      email: `hello@${SLUG}.example`,
      addressLine1: '5 Church Road',
      city: 'Bristol',
      postcode: 'BS1 4QA',
      country: 'GB',
      lat: 51.4496,
      lng: -2.5973,
      timezone: 'Europe/London',
      currency: 'GBP',
      taxMode: 'inclusive',
      openingHours: ALWAYS_OPEN,
      owner: { name: 'Quentin Wood', email, password: 'correct horse battery' },
    });
    vendorId = vendor.id;
    const { token } = await anon.auth.staffLogin({ email, password: 'correct horse battery' });
    const owner = await callerAs(market.database, market.env, { bearer: token });
    await owner.catalog.taxRates.create({ taxClass: 'zero', name: 'VAT 0%', rateBps: 0 });
    const product = await owner.products.create({ name: PRODUCT, onlineVisible: true, variants: [{ name: 'Jar', sku: 'QW-1', priceCents: 650, taxClass: 'zero', sort: 0 }] });
    const variant = product.variants[0];
    if (variant) await owner.inventory.receive({ variantId: variant.id, quantity: 30, note: 'Opening stock' });
    const op = await createOperatorFixture(market.database.db);
    operatorCookie = await operatorSessionCookie(market.database.db, op.operator.id);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport: { width: number; height: number }, asOperator: boolean): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(market, viewport, asOperator ? { operator: operatorCookie } : {});
    contexts.push(opened.context);
    return opened;
  }

  const visit = (page: Page, path: string) => visitHydrated(market, page, path);

  async function act(page: Page, button: string, reason: string, status: string): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await page.getByTestId('reason-input').fill(reason);
    await page.getByTestId('reason-confirm').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('shop-status').textContent()).toBe(status);
  }

  async function search(page: Page): Promise<void> {
    await visit(page, `/search?q=${encodeURIComponent('quincewood marmalade')}`);
    await page.getByRole('heading', { name: /Results for/ }).waitFor();
  }

  it('approve → on the storefront → suspend → gone from search and its page → checkout refused by name', async () => {
    // a customer cannot find the waiting shop
    const { page: shopper, errors: shopperErrors } = await open(PHONE, false);
    await search(shopper);
    expect(await shopper.getByRole('link', { name: new RegExp(PRODUCT) }).count()).toBe(0);

    // the operator's queue, at desktop and phone width
    const { page: ops, errors: opsErrors } = await open(DESKTOP, true);
    await visit(ops, '/admin/shops');
    await ops.getByTestId('shops-table').getByRole('link', { name: SHOP }).waitFor();
    await shoot(ops, 'admin-shops-queue-desktop');
    const { page: phoneOps } = await open(PHONE, true);
    await visit(phoneOps, '/admin/shops?status=pending');
    // at phone width the table gives way to cards
    await phoneOps.getByTestId('shop-card').filter({ hasText: SHOP }).waitFor();
    await shoot(phoneOps, 'admin-shops-queue-phone');

    await ops.getByTestId('shops-table').getByRole('link', { name: SHOP }).click();
    await ops.getByRole('heading', { name: SHOP, level: 1 }).waitFor();
    await shoot(ops, 'admin-shop-pending-desktop');
    await act(ops, 'Approve…', 'Visited the orchard', 'Approved');

    // live: search finds it, and its product goes in the cart
    await search(shopper);
    await shopper.getByRole('link', { name: new RegExp(PRODUCT) }).first().click();
    await shopper.getByRole('heading', { name: PRODUCT, level: 1 }).waitFor();
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await shopper.getByText('Added to your cart').waitFor();
    await visit(shopper, '/checkout');
    await shopper.getByRole('heading', { name: 'Checkout' }).waitFor();
    await shopper.getByLabel('Name').fill('Ada Lovelace');
    await shopper.getByLabel('Email').fill('ada.quince@example.com');
    await shopper.getByLabel('Phone').fill('07700 900123');
    await shopper.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).waitFor();

    // suspended while the customer is at checkout
    await act(ops, 'Suspend…', 'Labels do not list allergens', 'Suspended');
    await shoot(ops, 'admin-shop-suspended-desktop');
    await visit(phoneOps, `/admin/shops/${vendorId}`);
    await phoneOps.getByRole('heading', { name: SHOP, level: 1 }).waitFor();
    await shoot(phoneOps, 'admin-shop-suspended-phone');

    await shopper.getByRole('button', { name: 'Place order' }).click();
    const group = shopper.locator(`[data-testid="vendor-group"][data-vendor="${vendorId}"]`);
    await group.getByTestId('vendor-error').waitFor();
    expect(await group.getByTestId('vendor-error').textContent()).toContain(`${SHOP} is not taking online orders right now.`);
    await shoot(shopper, 'admin-shops-checkout-refused-phone');

    // gone from search and its page
    const { page: other } = await open(PHONE, false);
    await search(other);
    expect(await other.getByRole('link', { name: new RegExp(PRODUCT) }).count()).toBe(0);
    const gone = await other.goto(`${market.base}/v/${SLUG}`);
    expect(gone?.status()).toBe(404);
    // the refused checkout answers 422 (the browser logs it); nothing else went wrong on the pages
    expect([...shopperErrors, ...opsErrors].filter((e) => !e.includes('status of 422'))).toEqual([]);
  });
});
