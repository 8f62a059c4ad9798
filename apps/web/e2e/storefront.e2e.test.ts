import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productNamed, type SeededShop } from '../../server/src/test/storefront-shops';
import { collectPageErrors, pairCounter, shoot, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * The storefront in Debian's Chromium against a real server (PGlite, the built SSR bundle): a guest finds
 * products (typo and autocomplete), fills one cart from two shops, pays at pickup, and watches a counter move
 * the order along — plus the ways a checkout can go wrong. Waits are on page events and elements, never time.
 */
describe('storefront in a browser', () => {
  let market: LiveMarket;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  const shop = (slug: string): SeededShop => {
    const s = market.shops.find((x) => x.slug === slug);
    if (!s) throw new Error(`no shop ${slug}`);
    return s;
  };

  async function open(viewport = PHONE): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, errors: collectPageErrors(page) };
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  async function addToCart(page: Page, productName: string, quantity: number): Promise<void> {
    await visit(page, `/p/${productNamed(market.shops, productName).productId}`);
    await page.getByLabel('Quantity').fill(String(quantity));
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
  }

  async function fillContact(page: Page, email: string): Promise<void> {
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Phone').fill('07700 900123');
    // enabled once the server has checked the cart
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).waitFor();
  }

  async function ordersFrom(slug: string, email: string) {
    const list = await shop(slug).owner.orders.listForVendor({ limit: 100 });
    return list.items.filter((o) => o.contact?.email === email);
  }

  it('typo search → product → two shops in one cart → pay at pickup → live tracking as the counter works', async () => {
    const { page, errors } = await open();
    await visit(page, '/');
    await page.getByLabel('Your postcode').fill('bs1 4qa');
    await page.getByRole('button', { name: 'Find shops' }).click();
    await page.getByRole('heading', { name: 'Shops near BS1 4QA · City centre' }).waitFor();
    await shoot(page, 'home-phone');

    // a typo still finds the croissants
    await page.getByRole('searchbox', { name: 'Search products and shops' }).fill('crossant');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=crossant$/);
    await page.getByRole('heading', { name: 'Results for “crossant”' }).waitFor();
    await shoot(page, 'search-phone');
    await page.getByRole('link', { name: /^Butter Croissant\b.*£2\.40/ }).click();
    await page.getByRole('heading', { name: 'Butter Croissant', level: 1 }).waitFor();
    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
    await shoot(page, 'product-phone');

    // a second shop, found through the suggestions
    await page.getByRole('searchbox', { name: 'Search products and shops' }).fill('espres');
    await page.getByRole('option', { name: /Harbour Espresso Blend/ }).click();
    await page.getByRole('heading', { name: 'Harbour Espresso Blend', level: 1 }).waitFor();
    await page.getByText('1 kg bag · £29.00').click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).click();

    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await expect.poll(() => page.getByTestId('vendor-group').count()).toBe(2);
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    expect(await page.getByTestId('cart-total').textContent()).toBe('£36.20');
    await shoot(page, 'cart-phone');

    await page.getByRole('link', { name: 'Checkout' }).click();
    await fillContact(page, 'ada@example.com');
    await shoot(page, 'checkout-phone');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();
    await expect.poll(() => page.getByTestId('confirmed-order').count()).toBe(2);
    expect(await page.getByRole('heading', { name: 'Your cart' }).count()).toBe(0);

    const bakeryCard = page.getByTestId('confirmed-order').filter({ hasText: 'Harbourside Bakehouse' });
    await bakeryCard.getByRole('link', { name: 'Track order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?t=/);
    await page.locator('[data-status="placed"]').waitFor();
    await page.getByLabel('Live updates: Live').waitFor();
    const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    const trackingUrl = page.url();

    // the counter accepts and marks it ready; the open page follows without a reload
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const counter = await pairCounter(market, shop('harbourside-bakehouse'));
    await counter.orders.transition.mutate({ orderId, from: 'placed', to: 'accepted', prepMinutes: 15 });
    await page.locator('[data-status="accepted"]').waitFor();
    await page.getByText('expects it ready in about 15 minutes').waitFor();
    await counter.orders.transition.mutate({ orderId, from: 'accepted', to: 'ready' });
    await page.getByRole('heading', { name: 'Ready for pickup' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shoot(page, 'tracking-phone');
    expect(errors).toEqual([]);

    // the same pages at desktop width
    const desk = await open(DESKTOP);
    await visit(desk.page, '/');
    await shoot(desk.page, 'home-desktop');
    await visit(desk.page, '/search?q=crossant');
    await shoot(desk.page, 'search-desktop');
    await addToCart(desk.page, 'Butter Croissant', 3);
    await shoot(desk.page, 'product-desktop');
    await addToCart(desk.page, 'Baron Bigod Brie', 1);
    await visit(desk.page, '/cart');
    await desk.page.getByRole('link', { name: 'Checkout' }).waitFor();
    await shoot(desk.page, 'cart-desktop');
    await desk.page.getByRole('link', { name: 'Checkout' }).click();
    await fillContact(desk.page, 'desk@example.com');
    await shoot(desk.page, 'checkout-desktop');
    await desk.page.goto(trackingUrl);
    await desk.page.getByRole('heading', { name: 'Ready for pickup' }).waitFor();
    await shoot(desk.page, 'tracking-desktop');
    expect(desk.errors).toEqual([]);
  });

  it('checkout names each bad field with the server’s rules, orders nothing, and places the order once they are fixed', async () => {
    const { page, errors } = await open();
    await addToCart(page, 'Country Sourdough Loaf', 2);
    await visit(page, '/cart');
    await page.getByLabel('Pickup or delivery from Harbourside Bakehouse').getByText('Delivery', { exact: true }).click();
    await page.getByLabel('Your postcode').fill('BS1 4PB');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Name').fill('Ada\u202Egnp');
    await page.getByLabel('Email').fill('fields@');
    await page.getByLabel('Postcode').fill('SW1A 1AA');
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).click();
    await page.getByText('Names cannot contain control characters or invisible formatting characters').waitFor();
    await page.getByText('Enter a valid email address').waitFor();
    await page.getByText('Enter the street address').waitFor();
    await page.getByText('We only cover Bristol (BS) postcodes so far — SW1A 1AA is outside our area.').waitFor();
    expect(await page.getByRole('textbox', { name: /^Email/ }).getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'checkout-field-errors-phone');
    expect(await ordersFrom('harbourside-bakehouse', 'fields@example.com')).toEqual([]);

    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('Fields@Example.com');
    await page.getByRole('textbox', { name: /^Address/ }).fill('2 Queen Square');
    await page.getByLabel('Postcode').fill('bs1 4pb');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/confirmation\?/);
    const [placed] = await ordersFrom('harbourside-bakehouse', 'fields@example.com');
    expect(placed?.deliveryAddress).toMatchObject({ line1: '2 Queen Square', postcode: 'BS1 4PB' });
    expect(errors).toEqual([]);
  });

  it('an item that sells out before the order is placed is marked on its line, and nothing is ordered', async () => {
    const { page } = await open();
    await addToCart(page, 'Cinnamon Knot', 2);
    await visit(page, '/checkout');
    await fillContact(page, 'late@example.com');
    // meanwhile the shop sells the last two over the counter
    const knot = productNamed(market.shops, 'Cinnamon Knot');
    await shop('harbourside-bakehouse').owner.inventory.count({ variantId: knot.variants[0]!.id, quantity: 0 });
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByTestId('checkout-error').waitFor();
    const line = page.locator(`[data-testid="cart-line"][data-variant="${knot.variants[0]!.id}"]`);
    expect(await line.getByTestId('line-error').textContent()).toBe('Sold out — remove it to continue.');
    expect(await ordersFrom('harbourside-bakehouse', 'late@example.com')).toEqual([]);
  });

  it('a shop that pauses is named at checkout and in the cart, and cannot be ordered from', async () => {
    const sweets = shop('sugarloaf-sweet-shop');
    const { page } = await open();
    await addToCart(page, 'Sea Salt Fudge', 2);
    await addToCart(page, 'Butter Croissant', 3);
    await visit(page, '/checkout');
    await fillContact(page, 'paused@example.com');
    await sweets.owner.vendors.setPaused({ paused: true, reason: 'Back on Friday' });
    try {
      await page.getByRole('button', { name: 'Place order' }).click();
      const group = page.locator(`[data-testid="vendor-group"][data-vendor="${sweets.vendorId}"]`);
      await group.getByTestId('vendor-error').waitFor();
      expect(await group.getByTestId('vendor-error').textContent()).toContain('not taking online orders right now (Back on Friday)');
      expect(await ordersFrom('harbourside-bakehouse', 'paused@example.com')).toEqual([]);

      await visit(page, '/cart');
      await page.locator(`[data-testid="vendor-group"][data-vendor="${sweets.vendorId}"] [data-testid="vendor-error"]`).waitFor();
      expect(await page.getByRole('button', { name: 'Checkout' }).isDisabled()).toBe(true);
      await visit(page, '/v/sugarloaf-sweet-shop');
      await page.getByText('Not taking online orders right now').waitFor();
      await visit(page, `/p/${productNamed(market.shops, 'Sea Salt Fudge').productId}`);
      expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
    } finally {
      await sweets.owner.vendors.setPaused({ paused: false });
    }
  });

  it('a double click sends one order, and a retry after a lost answer reuses its key: one order in the end', async () => {
    const { page } = await open();
    await addToCart(page, 'Country Sourdough Loaf', 1);
    await visit(page, '/checkout');
    await fillContact(page, 'double@example.com');
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/trpc/orders.checkout')) bodies.push(r.postData() ?? '');
    });
    // the first answer is lost on the way back, after the server has placed the order
    let placedFirst = false;
    await page.route(
      '**/trpc/orders.checkout**',
      async (route) => {
        const answer = await route.fetch();
        placedFirst = answer.ok();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.getByTestId('checkout-error').waitFor();
    expect(await page.getByTestId('checkout-error').textContent()).toContain('a retry never orders twice');
    expect(placedFirst).toBe(true);
    expect(bodies).toHaveLength(1);

    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();
    expect(bodies).toHaveLength(2);
    const key = (body: string) => (JSON.parse(body) as Record<string, { idempotencyKey: string }>)['0']?.idempotencyKey;
    expect(key(bodies[1]!)).toBe(key(bodies[0]!));
    expect(await ordersFrom('harbourside-bakehouse', 'double@example.com')).toHaveLength(1);
  });
});
