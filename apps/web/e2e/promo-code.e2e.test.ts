import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productNamed } from '../../server/src/test/storefront-shops';
import { createOperatorFixture, operatorSessionCookie } from '../../server/src/services/operators/test-kit';
import { collectPageErrors, openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Parses "£12.34" (the cart's own formatting) into minor units. */
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);

/**
 * A customer with items from two shops types a promo code in the cart: a wrong code is explained, the shop's code
 * shows its saving per line and per shop, stays through checkout, and the shop's order carries it.
 */
describe('a promo code from the cart through checkout', () => {
  let market: LiveMarket;
  let context: BrowserContext | undefined;
  let consoleContext: BrowserContext | undefined;

  beforeAll(async () => {
    market = await startLiveMarket();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await consoleContext?.close().catch(() => undefined);
    await market?.close();
  });

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  async function add(page: Page, productName: string): Promise<void> {
    await visit(page, `/p/${productNamed(market.shops, productName).productId}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).waitFor();
  }

  it('BAKE10 at the bakery: refused code explained, saving per line and shop, ordered with it', async () => {
    const loaf = productNamed(market.shops, 'Country Sourdough Loaf');
    const bakery = market.shops.find((s) => s.vendorId === loaf.vendorId)!;
    await bakery.owner.promos.create({ code: 'BAKE10', description: '10% off at the bakehouse', discount: { kind: 'percent', bps: 1000 } });

    context = await market.browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);
    await add(page, 'Country Sourdough Loaf');
    await add(page, 'Butter Croissant');
    await add(page, 'Earl Grey Loose Leaf');

    await visit(page, '/cart');
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    const before = cents(await page.getByTestId('cart-total').textContent());

    // a code nobody issued: the reason, and checkout waits until it is removed
    await page.getByLabel('Promo code').fill('nope');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('promo-refused').getByText("We don't know the code NOPE. Check the spelling.").waitFor();
    expect(await page.getByRole('button', { name: 'Checkout' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Remove the promo code NOPE' }).click();

    await page.getByLabel('Promo code').fill('bake10');
    await page.getByRole('button', { name: 'Apply' }).click();
    // 10% of the bakery's 5.20 + 2.40 = 0.76; the coffee roaster's tea is not discounted
    await page.getByTestId('promo-saving').getByText('You save £0.76 — 10% off at the bakehouse').waitFor();
    await expect.poll(async () => cents(await page.getByTestId('cart-total').textContent())).toBe(before - 76);
    expect(await page.getByTestId('line-promo').allTextContents()).toEqual(['Promo code −£0.52', 'Promo code −£0.24']);
    await page.getByTestId('adjustment-promo').first().waitFor();
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    await shoot(page, 'cart-promo-phone');
    await page.setViewportSize(DESKTOP);
    await shoot(page, 'cart-promo-desktop');
    await page.setViewportSize(PHONE);

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByTestId('checkout-promo').getByText('Promo code BAKE10').waitFor();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada.promo@example.com');
    await page.getByLabel('Phone').fill('07700 900123');
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).waitFor();
    await shoot(page, 'checkout-promo-phone');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();

    const orders = (await bakery.owner.orders.listForVendor({ limit: 10 })).items.filter((o) => o.contact?.email === 'ada.promo@example.com');
    expect(orders.map((o) => [o.promoCode, o.promoCents])).toEqual([['BAKE10', 76]]);
    const promos = await bakery.owner.promos.list({});
    expect(promos.items.map((p) => [p.code, p.uses, p.discountCents])).toEqual([['BAKE10', 1, 76]]);
    expect(errors).toEqual([]);
  });

  it('the operator creates a marketplace code in the console, sees it in the list and deactivates it', async () => {
    const operator = await createOperatorFixture(market.database.db);
    const opened = await openPage(market, DESKTOP, { operator: await operatorSessionCookie(market.database.db, operator.operator.id) });
    consoleContext = opened.context;
    const { page, errors } = opened;
    await visitHydrated(market, page, '/admin/promos');
    await page.getByRole('heading', { name: 'Promotions' }).waitFor();
    await page.getByRole('link', { name: 'Promotions' }).waitFor();
    const form = page.getByTestId('create-promo');
    await form.getByLabel('Code').fill('cityweek');
    await form.getByLabel('Description').fill('City week: £3 off');
    await form.getByText('Amount', { exact: true }).click();
    await form.getByLabel('Amount off (£)').fill('3');
    await form.getByLabel('Minimum per shop (£)').fill('15');
    await form.getByLabel('Uses in all').fill('500');
    await form.getByRole('button', { name: 'Create code' }).click();
    const row = page.getByTestId('promo-row').filter({ hasText: 'CITYWEEK' });
    await row.getByText('£3.00 off · over £15.00 per shop · 500 in all').waitFor();
    await shoot(page, 'admin-promos-desktop');
    await row.getByRole('button', { name: 'Deactivate CITYWEEK' }).click();
    await row.getByText('Inactive').waitFor();
    expect(errors).toEqual([]);
  });
});
