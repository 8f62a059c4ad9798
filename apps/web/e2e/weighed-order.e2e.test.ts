import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productNamed } from '../../server/src/test/storefront-shops';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };

/**
 * A customer orders cheese by any weight on a phone: types 375 g, sees its price, fixes a weight the shop cannot
 * cut, changes it in the cart, and the confirmation and the shop's order say 375 g. Waits are on elements.
 */
describe('ordering a weighed item by any weight', () => {
  let market: LiveMarket;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    market = await startLiveMarket();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await market?.close();
  });

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  it('375 g of £32.00/kg Montgomery Cheddar: typed, priced live, changed in the cart, ordered and confirmed', async () => {
    context = await market.browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);
    const cheddar = productNamed(market.shops, 'Montgomery Cheddar');

    await visit(page, `/p/${cheddar.productId}`);
    await page.getByText('£32.00 / kg').waitFor();
    const weight = page.getByRole('textbox', { name: 'Weight' });
    expect(await page.getByTestId('weight-price').textContent()).toBe('250 g · £8.00');

    // a weight the shop cannot cut is explained and cannot be added
    await weight.fill('377');
    await page.getByText('Order Montgomery Cheddar in steps of 5 g (e.g. 375 g).').waitFor();
    expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
    await weight.fill('30');
    await page.getByText('Order at least 50 g of Montgomery Cheddar.').waitFor();

    await weight.fill('375');
    await expect.poll(() => page.getByTestId('weight-price').textContent()).toBe('375 g · £12.00');
    await shoot(page, 'product-weight-phone');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('375 g Montgomery Cheddar').waitFor();

    // in the cart: £12.00 + 20% VAT (the shop prices without VAT); a new weight reprices the line
    await page.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    expect(await page.getByTestId('cart-total').textContent()).toBe('£14.40');
    const inCart = page.getByRole('textbox', { name: 'Weight of Montgomery Cheddar in grams' });
    await inCart.fill('500');
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('£19.20');
    await inCart.fill('375');
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('£14.40');
    await shoot(page, 'cart-weight-phone');

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Phone').fill('07700 900456');
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();
    const confirmed = page.getByTestId('confirmed-order');
    await confirmed.getByText('375 g Montgomery Cheddar').waitFor();
    expect(await confirmed.textContent()).toContain('£14.40');

    // the shop sees the same 375 g line
    const shop = market.shops.find((s) => s.vendorId === cheddar.vendorId)!;
    const orders = (await shop.owner.orders.listForVendor({ limit: 10 })).items.filter((o) => o.contact?.email === 'grace@example.com');
    expect(orders).toHaveLength(1);
    const order = await shop.owner.orders.byId({ orderId: orders[0]!.id });
    expect(order.lines.map((l) => [l.name, l.soldBy, l.quantity, l.totalCents])).toEqual([['Montgomery Cheddar', 'weight', 375, 1440]]);
    expect(errors).toEqual([]);
  });
});
