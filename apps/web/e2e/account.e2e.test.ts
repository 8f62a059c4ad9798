import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { productNamed } from '../../server/src/test/storefront-shops';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const BAKERY = 'harbourside-bakehouse';

/**
 * The signed-in customer's side of the storefront in Chromium against the real server: a review from a collected
 * order (keyboard star rating) that shows on the shop page with "Verified purchase", hearts and the favourites
 * page, saved addresses, and checkout offering them.
 */
describe('customer account in a browser', () => {
  let market: LiveMarket;
  let cookie = '';
  let orderId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    cookie = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace@example.test', password: 'grace-password-1' });
    // a collected order, placed and moved along through the same API the storefront and a counter use
    const buyer = await callerAs(market.database, market.env, { cookie });
    const bakery = market.shops.find((s) => s.slug === BAKERY)!;
    const croissant = productNamed(market.shops, 'Butter Croissant');
    const result = await buyer.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: 'Grace Hopper', email: 'grace@example.test', phone: '' },
      items: [{ variantId: croissant.variants[0]!.id, quantity: 3 }],
      fulfilment: [{ vendorId: bakery.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    orderId = result.orders[0]!.id;
    for (const to of ['accepted', 'ready', 'completed'] as const) await bakery.owner.orders.transition({ orderId, to });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport = PHONE, signedIn = true): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    if (signedIn) await context.addCookies([{ name: 'mk_session', value: cookie, url: market.base, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { page, errors: collectPageErrors(page) };
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  it('reviews a collected order with the keyboard; the shop page shows it as a verified purchase with its rating', async () => {
    const { page, errors } = await open();
    await visit(page, '/account');
    await page.getByRole('link', { name: /Write a review: Harbourside Bakehouse/ }).click();
    await page.getByRole('heading', { name: 'Review your order' }).waitFor();

    const shopForm = page.getByRole('form', { name: 'Review of Harbourside Bakehouse' });
    // posting without stars is refused in the form
    await shopForm.getByRole('button', { name: 'Post review' }).click();
    await shopForm.getByText('Choose from 1 to 5 stars').waitFor();
    // stars are radio buttons: focus one, move with the arrow keys
    await shopForm.getByRole('radio', { name: /^3 stars/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await shopForm.getByText('Good', { exact: true }).waitFor();
    await shopForm.getByLabel('Your review (optional)').fill('Croissants still warm at pickup. Friendly staff.');
    await shoot(page, 'review-form-phone');
    await shopForm.getByRole('button', { name: 'Post review' }).click();
    await page.getByText('Thanks — your review is posted.').waitFor();

    const productForm = page.getByRole('form', { name: 'Review of Butter Croissant' });
    await productForm.getByRole('radio', { name: /^5 stars/ }).focus();
    await page.keyboard.press('Space');
    await productForm.getByRole('button', { name: 'Post review' }).click();
    await expect.poll(() => page.getByText('Thanks — your review is posted.').count()).toBe(2);

    const { page: desktop } = await open(DESKTOP);
    await visit(desktop, `/account/orders/${orderId}/review`);
    await desktop.getByRole('button', { name: 'Edit your review' }).first().click();
    await shoot(desktop, 'review-form-desktop');

    // what every visitor sees, in the server-rendered HTML
    const html = await (await fetch(`${market.base}/v/${BAKERY}`)).text();
    expect(html).toContain('Croissants still warm at pickup. Friendly staff.');
    expect(html).toContain('"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.5","reviewCount":2');

    const { page: visitor, errors: visitorErrors } = await open(PHONE, false);
    await visit(visitor, `/v/${BAKERY}`);
    const reviews = visitor.locator('section', { has: visitor.getByRole('heading', { name: 'Reviews', exact: true }) });
    await reviews.getByText('Verified purchase').first().waitFor();
    await expect.poll(() => reviews.getByRole('article').count()).toBe(2);
    await reviews.getByRole('img', { name: '4.5 out of 5 stars from 2 reviews' }).waitFor();
    await reviews.getByText('Grace', { exact: true }).first().waitFor();
    await shoot(visitor, 'vendor-reviews-phone');
    const { page: wide } = await open(DESKTOP, false);
    await visit(wide, `/v/${BAKERY}`);
    await wide.getByRole('heading', { name: 'Reviews', exact: true }).waitFor();
    await shoot(wide, 'vendor-reviews-desktop');

    await visit(visitor, `/p/${productNamed(market.shops, 'Butter Croissant').productId}`);
    await visitor.getByRole('heading', { name: 'Reviews of this product' }).waitFor();
    await visitor.getByRole('img', { name: '5.0 out of 5 stars from 1 review' }).first().waitFor();
    expect([...errors, ...visitorErrors]).toEqual([]);
  });

  it('hearts a shop and a product; the favourites page lists them with open state and price; signed out asks to sign in and come back', async () => {
    const { page, errors } = await open();
    await visit(page, `/v/${BAKERY}`);
    const heart = page.getByRole('button', { name: 'Save Harbourside Bakehouse to favourites' });
    await heart.click();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    // product cards carry a heart too, beside (not inside) the card's link
    const cardHeart = page.getByRole('button', { name: 'Save Seeded Rye to favourites' });
    await cardHeart.click();
    await expect.poll(() => cardHeart.getAttribute('aria-pressed')).toBe('true');
    await cardHeart.click();
    await expect.poll(() => cardHeart.getAttribute('aria-pressed')).toBe('false');
    await visit(page, `/p/${productNamed(market.shops, 'Country Sourdough Loaf').productId}`);
    await page.getByRole('button', { name: 'Save Country Sourdough Loaf to favourites' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save Country Sourdough Loaf to favourites' }).getAttribute('aria-pressed')).toBe('true');

    await visit(page, '/account/favourites');
    const shops = page.locator('section', { has: page.getByRole('heading', { name: 'Shops' }) });
    await shops.getByRole('link', { name: 'Harbourside Bakehouse' }).waitFor();
    await shops.getByText('Open now').waitFor();
    const products = page.locator('section', { has: page.getByRole('heading', { name: 'Products' }) });
    await products.getByRole('link', { name: 'Country Sourdough Loaf' }).waitFor();
    await products.getByText('£5.20').waitFor();
    await shoot(page, 'favourites-phone');
    const { page: desktop } = await open(DESKTOP);
    await visit(desktop, '/account/favourites');
    await desktop.getByRole('link', { name: 'Country Sourdough Loaf' }).waitFor();
    await shoot(desktop, 'favourites-desktop');

    // un-hearting on the favourites page takes it off the list
    await products.getByRole('button', { name: 'Save Country Sourdough Loaf to favourites' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor({ state: 'detached' });

    const { page: visitor } = await open(PHONE, false);
    await visit(visitor, `/v/${BAKERY}`);
    await visitor.getByRole('link', { name: 'Sign in to save Harbourside Bakehouse to favourites' }).click();
    await visitor.waitForURL(/\/account\?next=%2Fv%2Fharbourside-bakehouse$/);
    expect(errors).toEqual([]);
  });

  it('saves, edits and re-orders addresses; checkout fills in the default and saves a new one on request', async () => {
    const { page, errors } = await open();
    await visit(page, '/account/addresses');
    await page.getByText('No saved addresses yet.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Add address' }).click();
    const form = page.getByRole('form', { name: 'New address' });
    await form.getByLabel('Name for this address (optional)').fill('Home');
    await form.getByRole('textbox', { name: /^Address/ }).fill('3 Queen Square');
    await form.getByLabel('Postcode').fill('GL1 1AA');
    await form.getByRole('button', { name: 'Save address' }).click();
    await form.getByText('outside our area').waitFor();
    await form.getByLabel('Postcode').fill('bs1 4dj');
    await form.getByRole('button', { name: 'Save address' }).click();
    const home = page.getByRole('listitem', { name: 'Home' });
    await home.getByText('Default', { exact: true }).waitFor();
    await home.getByText('3 Queen Square, Bristol, BS1 4DJ').waitFor();

    await page.getByRole('button', { name: 'Add address' }).click();
    const second = page.getByRole('form', { name: 'New address' });
    await second.getByLabel('Name for this address (optional)').fill('Studio');
    await second.getByRole('textbox', { name: /^Address/ }).fill('10 Prince Street');
    await second.getByLabel('Postcode').fill('BS1 4PB');
    await second.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('button', { name: 'Make Studio the default' }).click();
    await page.getByRole('listitem', { name: 'Studio' }).getByText('Default', { exact: true }).waitFor();
    await expect.poll(() => home.getByText('Default', { exact: true }).count()).toBe(0);
    await shoot(page, 'addresses-phone');
    const { page: desktop } = await open(DESKTOP);
    await visit(desktop, '/account/addresses');
    await desktop.getByRole('listitem', { name: 'Studio' }).waitFor();
    await shoot(desktop, 'addresses-desktop');

    // checkout: delivery fills in the default address; "a different address" + "save" keeps the new one
    await visit(page, `/p/${productNamed(market.shops, 'Country Sourdough Loaf').productId}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
    await visit(page, '/cart');
    await page.getByLabel('Pickup or delivery from Harbourside Bakehouse').getByText('Delivery', { exact: true }).click();
    await page.getByLabel('Your postcode').fill('BS1 4PB');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: /^Address/ }).inputValue()).toBe('10 Prince Street');
    await page.getByRole('radio', { name: 'A different address' }).check();
    await page.getByRole('textbox', { name: /^Address/ }).fill('7 King Street');
    await page.getByLabel('Postcode').fill('BS1 4EF');
    await page.getByRole('checkbox', { name: 'Save this address to my account' }).check();
    await shoot(page, 'checkout-saved-address-phone');
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).click();
    await page.waitForURL(/\/confirmation\?/);

    await visit(page, '/account/addresses');
    await page.getByText('7 King Street, Bristol, BS1 4EF').waitFor();
    const bakery = market.shops.find((s) => s.slug === BAKERY)!;
    const orders = await bakery.owner.orders.listForVendor({ limit: 50 });
    expect(orders.items.find((o) => o.fulfilment === 'delivery')?.deliveryAddress?.line1).toBe('7 King Street');
    expect(errors).toEqual([]);
  });
});
