import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableCardPayments, stripeTestEnv } from '../../server/src/services/payments/payments-test-kit';
import { startFakeStripe, type FakeStripe } from '../../server/src/test/fake-stripe/index';
import { productNamed } from '../../server/src/test/storefront-shops';
import { collectPageErrors, startLiveMarket, type LiveMarket } from './live-market';

interface Violation {
  directive: string;
  blocked: string;
}

declare global {
  interface Window {
    __cspViolations: Violation[];
  }
}

/**
 * Stripe.js cannot be downloaded here, so the browser gets a stand-in from the same URL (the CSP check happens
 * before the request, so a refused origin never reaches it): it does what the real one does that the CSP
 * governs — runs from js.stripe.com, frames js.stripe.com and hooks.stripe.com, calls api.stripe.com, and
 * mounts the Payment Element's frame into the slot our page gives it.
 */
const STRIPE_JS_STANDIN = `
(() => {
  const frame = (src, parent) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.title = src;
    (parent || document.body).appendChild(f);
    return f;
  };
  frame('https://js.stripe.com/v3/m-outer.html');
  frame('https://hooks.stripe.com/redirect/authenticate');
  fetch('https://api.stripe.com/v1/elements/sessions').then((r) => { window.__stripeApi = r.status; });
  const noop = () => undefined;
  const element = () => {
    let mounted = null;
    return {
      mount: (node) => { mounted = frame('https://js.stripe.com/v3/elements-inner-payment.html', node); },
      destroy: () => mounted && mounted.remove(),
      on: noop, off: noop, update: noop, focus: noop, blur: noop, clear: noop, unmount: noop,
    };
  };
  window.Stripe = () => ({
    elements: () => ({ create: element, getElement: () => null, update: noop, fetchUpdates: async () => ({}), submit: async () => ({}) }),
    createToken: noop, createPaymentMethod: noop, confirmCardPayment: noop, confirmPayment: async () => ({}),
    _registerWrapper: noop, registerAppInfo: noop,
  });
})();`;

async function stripeOrigins(context: BrowserContext): Promise<void> {
  await context.route('https://js.stripe.com/**', (route) =>
    route.request().url().endsWith('.js') || route.request().resourceType() === 'script'
      ? route.fulfill({ contentType: 'application/javascript', body: STRIPE_JS_STANDIN })
      : route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>Payment Element (stand-in)</p>' }),
  );
  await context.route('https://hooks.stripe.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>3-D Secure (stand-in)</p>' }));
  await context.route('https://api.stripe.com/**', (route) =>
    route.fulfill({ contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: '{}' }),
  );
}

/**
 * The storefront under its Content-Security-Policy in Debian's Chromium, with card payments configured (a fake
 * publishable key and the local fake Stripe API): every page a shopper meets hydrates and works with no CSP
 * violation reported, and the checkout's Payment Element slot gets Stripe's frame.
 */
describe('storefront pages under the Content-Security-Policy', () => {
  let fake: FakeStripe;
  let market: LiveMarket;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe();
    market = await startLiveMarket(stripeTestEnv(fake));
    for (const shop of market.shops) await enableCardPayments(market.database.db, fake, shop.vendorId);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
    await fake?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    contexts.push(context);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
    });
    await stripeOrigins(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, errors: collectPageErrors(page) };
  }

  const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

  async function visit(page: Page, path: string): Promise<void> {
    const res = await page.goto(market.base + path);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    expect(await violations(page)).toEqual([]);
  }

  it('home, search, product, cart, checkout, tracking and account run with no violation', async () => {
    const { page, errors } = await open();
    await visit(page, '/');
    await page.getByLabel('Your postcode').fill('bs1 4qa');
    await page.getByRole('button', { name: 'Find shops' }).click();
    await page.getByRole('heading', { name: 'Shops near BS1 4QA · City centre' }).waitFor();

    await visit(page, '/search?q=crossant');
    await page.getByRole('link', { name: /^Butter Croissant\b.*£2\.40/ }).click();
    await page.getByRole('heading', { name: 'Butter Croissant', level: 1 }).waitFor();
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    // three: the bakery's minimum order is £5
    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();

    await visit(page, '/cart');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('csp@example.com');
    await page.getByLabel('Phone').fill('07700 900123');
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();

    await page.getByRole('link', { name: 'Track order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?t=/);
    await page.getByLabel('Live updates: Live').waitFor();
    await visit(page, new URL(page.url()).pathname + new URL(page.url()).search);
    await page.getByLabel('Live updates: Live').waitFor();

    await visit(page, '/account');
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('checkout by card: Stripe.js, its frames and its API are allowed, and the Payment Element frame fills its slot', async () => {
    const { page, errors } = await open();
    const res = await page.goto(`${market.base}/p/${productNamed(market.shops, 'Country Sourdough Loaf').productId}`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    // a product page is shared (page cache): its inline scripts are allowed by hash, not by a per-request nonce
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ https:\/\/js\.stripe\.com/);
    expect(csp).toContain('frame-src https://js.stripe.com https://hooks.stripe.com');
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();

    await visit(page, '/checkout');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('card@example.com');
    await page.getByLabel('Phone').fill('07700 900456');
    await page.getByTestId('pay-by-card').click();
    await page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' }).click();

    const slot = page.frameLocator('iframe[src$="elements-inner-payment.html"]');
    await slot.getByText('Payment Element (stand-in)').waitFor();
    await page.frameLocator('iframe[src^="https://hooks.stripe.com/"]').getByText('3-D Secure (stand-in)').waitFor();
    await page.waitForFunction(() => (window as unknown as { __stripeApi?: number }).__stripeApi === 200);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // the listener does hear the CSP: a script from elsewhere and an inline script without the nonce are refused
    await page.evaluate(() => {
      const outside = document.createElement('script');
      outside.src = 'https://cdn.attacker.test/x.js';
      document.head.appendChild(outside);
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = true';
      document.head.appendChild(inline);
    });
    await expect.poll(async () => (await violations(page)).length).toBe(2);
    expect((await violations(page)).map((v) => v.directive).sort()).toEqual(['script-src-elem', 'script-src-elem']);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});
