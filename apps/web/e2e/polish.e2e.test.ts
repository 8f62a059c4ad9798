import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { productNamed } from '../../server/src/test/storefront-shops';
import { seriousA11yProblems } from './axe';
import { collectPageErrors, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = process.env.POLISH_SHOTS_DIR ?? '/tmp/ui-shots';
const TAG = process.env.POLISH_SHOTS_TAG ?? 'after';

/**
 * The storefront polish a customer's walk through asked for, checked the way that customer would notice it: the
 * quantity field says what it corrects, any weight can be ordered, the heart does nothing until it knows, the
 * "added" feedback is where the thumb is, no dead card option, and axe finds nothing serious. Waits are on
 * elements and requests, never time.
 */
describe('storefront polish', () => {
  let market: LiveMarket;
  let cookie = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    cookie = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace@example.test', password: 'grace-password-1' });
    // 21 fudge left: the shop counted its shelf
    const sweets = market.shops.find((s) => s.slug === 'sugarloaf-sweet-shop')!;
    await sweets.owner.inventory.count({ variantId: productNamed(market.shops, 'Sea Salt Fudge').variants[0]!.id, quantity: 21 });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport = PHONE, signedIn = false): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    if (signedIn) await context.addCookies([{ name: 'mk_session', value: cookie, url: market.base, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, errors: collectPageErrors(page) };
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/polish-${name}-${TAG}.png` });
  }

  const productPath = (name: string) => `/p/${productNamed(market.shops, name).productId}`;

  /** Whether the element's whole box is inside the viewport as it is now (no scrolling). */
  async function inViewport(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
  }

  it('the quantity field says what it corrects: only 21 left, at least 1, whole items; the cart holds the same line', async () => {
    const { page, errors } = await open();
    await visit(page, productPath('Sea Salt Fudge'));
    const quantity = page.getByRole('textbox', { name: 'Quantity' });
    const note = page.getByTestId('quantity-note');

    await quantity.fill('99');
    await quantity.blur();
    await expect.poll(() => note.textContent()).toContain('Only 21 left');
    expect(await quantity.inputValue()).toBe('21');
    await shot(page, 'quantity-clamp');

    await quantity.fill('0');
    await quantity.blur();
    await expect.poll(() => note.textContent()).toContain('at least 1');
    expect(await quantity.inputValue()).toBe('1');

    await quantity.fill('-3');
    await quantity.blur();
    await expect.poll(() => note.textContent()).toContain('at least 1');
    expect(await quantity.inputValue()).toBe('1');

    await quantity.fill('2.5');
    await quantity.blur();
    await expect.poll(() => note.textContent()).toContain('whole');
    expect(await quantity.inputValue()).toBe('2');

    // 99 typed and added straight away: 21 go in the cart, and the page says so
    await quantity.fill('99');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').getByText('21 × Sea Salt Fudge').waitFor();
    await expect.poll(() => note.textContent()).toContain('Only 21 left');
    // nothing more can be added: all 21 are in the cart
    await quantity.fill('1');
    await expect.poll(() => note.textContent()).toContain('already in your cart');
    expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);

    // in the cart one more is refused with the same words, and the line stays at 21
    await visit(page, '/cart');
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    await page.getByRole('button', { name: 'One more Sea Salt Fudge' }).click();
    await page.getByTestId('cart-line').getByText('Only 21 left').waitFor();
    await expect.poll(() => page.getByLabel('Quantity of Sea Salt Fudge: 21').count()).toBe(1);
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    await shot(page, 'cart-clamp');
    expect(errors).toEqual([]);
  });

  it('a custom weight of 750 g reaches the cart at its exact price', async () => {
    const { page, errors } = await open();
    await visit(page, productPath('Montgomery Cheddar'));
    const weight = page.getByRole('textbox', { name: 'Weight' });
    await weight.fill('750');
    await expect.poll(() => page.getByTestId('weight-price').textContent()).toBe('750 g · £24.00');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').getByText('750 g Montgomery Cheddar').waitFor();
    await visit(page, '/cart');
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Weight of Montgomery Cheddar in grams' }).inputValue()).toBe('750 g');
    // £24.00 + 20 % VAT (the cheese room prices without VAT)
    expect(await page.getByTestId('cart-total').textContent()).toBe('£28.80');
    expect(errors).toEqual([]);
  });

  it('the heart takes no action until favourites are known; an early tap never removes a favourite', async () => {
    const me = await callerAs(market.database, market.env, { cookie });
    const rye = productNamed(market.shops, 'Seeded Rye');
    await me.favourites.set({ productId: rye.productId, on: true });

    // the page as rendered is the same whoever asks: no favourite or account state rendered into it
    const rendered = async (headers: Record<string, string>) => {
      const html = await (await fetch(market.base + productPath('Seeded Rye'), { headers })).text();
      return /<div id="root">([\s\S]*)<\/div>\n<script type="application\/json"/.exec(html)?.[1]?.replace(/ nonce="[^"]*"/g, '');
    };
    const anonymous = await rendered({});
    expect(anonymous).toContain('Seeded Rye');
    expect(anonymous).not.toContain('aria-pressed');
    expect(anonymous).not.toContain('Sign in to save');
    expect(await rendered({ cookie: `mk_session=${cookie}` })).toBe(anonymous);

    const { page, errors } = await open(PHONE, true);
    // hold the favourites answer until the test has tried to tap
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.startsWith('/trpc/') && url.pathname.includes('favourites.ids'),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await visit(page, productPath('Seeded Rye'));
    const heart = page.getByRole('button', { name: 'Save Seeded Rye to favourites' });
    await heart.waitFor();
    await shot(page, 'heart-loading');
    expect(await heart.isDisabled()).toBe(true);
    expect(await heart.getAttribute('aria-busy')).toBe('true');
    await heart.click({ force: true });
    release();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    expect(await heart.isDisabled()).toBe(false);
    expect((await me.favourites.ids()).productIds).toContain(rye.productId);
    expect(errors).toEqual([]);
  });

  it('"Added to your cart" shows where the thumb is on a phone, and the header badge counts at once', async () => {
    const { page, errors } = await open();
    await visit(page, productPath('Butter Croissant'));
    await page.getByRole('textbox', { name: 'Quantity' }).fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    const added = page.getByRole('status').filter({ hasText: 'Added to your cart' });
    await added.waitFor();
    await shot(page, 'added');
    expect(await inViewport(added)).toBe(true);
    expect(await inViewport(page.getByRole('link', { name: 'View cart' }))).toBe(true);
    expect(await inViewport(page.getByRole('link', { name: 'Cart, 2 items' }))).toBe(true);
    await page.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('without Stripe the checkout offers pay at pickup, chosen, and never talks about card configuration', async () => {
    const { page, errors } = await open();
    await visit(page, productPath('Butter Croissant'));
    await page.getByRole('textbox', { name: 'Quantity' }).fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await visit(page, '/checkout');
    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    await page.getByTestId('pay-at-pickup').waitFor();
    // the status answer has arrived once the place-order button reads for pay at pickup
    await page.getByRole('button', { name: 'Place order' }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { name: 'Payment' }).scrollIntoViewIfNeeded();
    await shot(page, 'checkout-payment');
    expect(await page.getByTestId('pay-by-card').count()).toBe(0);
    expect(await page.getByText(/not configured/i).count()).toBe(0);
    expect(await page.getByText(/card now/i).count()).toBe(0);
    await page.getByText('To pay at pickup').waitFor();
    expect(errors).toEqual([]);
  });

  it('axe finds no serious or critical problem on home, search, product, cart and checkout, phone and desktop', async () => {
    const problems: string[] = [];
    for (const [width, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page } = await open(viewport);
      const pages: [string, string, () => Promise<unknown>][] = [
        ['home', '/', () => page.getByRole('heading', { level: 1 }).first().waitFor()],
        ['search', '/search?q=bread', () => page.getByRole('link', { name: /Seeded Rye/ }).first().waitFor()],
        ['product', productPath('Country Sourdough Loaf'), () => page.getByRole('button', { name: 'Add to cart' }).waitFor()],
      ];
      for (const [name, path, ready] of pages) {
        await visit(page, path);
        await ready();
        problems.push(...(await seriousA11yProblems(page)).map((p) => `${width} ${name}: ${p}`));
        await shot(page, `${name}-${width}`);
        if (name === 'product') {
          await page.getByRole('button', { name: 'Add to cart' }).click();
          await page.getByRole('status').filter({ hasText: 'Added to your cart' }).waitFor();
          problems.push(...(await seriousA11yProblems(page)).map((p) => `${width} product, added: ${p}`));
          await shot(page, `added-${width}`);
        }
      }
      await visit(page, '/cart');
      await page.getByRole('link', { name: 'Checkout' }).waitFor();
      problems.push(...(await seriousA11yProblems(page)).map((p) => `${width} cart: ${p}`));
      await shot(page, `cart-${width}`);
      await visit(page, '/checkout');
      await page.getByRole('button', { name: 'Place order' }).waitFor();
      await page.waitForLoadState('networkidle');
      problems.push(...(await seriousA11yProblems(page)).map((p) => `${width} checkout: ${p}`));
    }
    // the whole list, for reading (vitest shortens long arrays)
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(`${SHOTS}/polish-axe-${TAG}.txt`, problems.join('\n\n'));
    expect(problems).toEqual([]);
  });
});
