import { uuidv7 } from '@makeries/shared';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { digestUnsubscribeToken } from '../../server/src/services/comeback/digest-token';
import { productNamed } from '../../server/src/test/storefront-shops';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };

/**
 * Bringing a customer back, in Chromium against the real server: "Order this again" on a past order across two shops
 * after a price rise and a sell-out (the cart gets today's prices, the customer is told what changed and what is
 * missing), and "Tell me when it's back" on a sold-out product, armed and then told when the shop receives stock.
 */
describe('order this again and tell me when it’s back, in a browser', () => {
  let market: LiveMarket;
  let cookie = '';
  let orderId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    cookie = await customerCookie(market.database, market.env, { name: 'Ada Lovelace', email: 'ada@example.test', password: 'ada-password-1' });
    const buyer = await callerAs(market.database, market.env, { cookie });
    const croissant = productNamed(market.shops, 'Butter Croissant');
    const knot = productNamed(market.shops, 'Cinnamon Knot');
    const fudge = productNamed(market.shops, 'Sea Salt Fudge');
    const result = await buyer.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: 'Ada Lovelace', email: 'ada@example.test', phone: '' },
      items: [
        { variantId: croissant.variants[0]!.id, quantity: 3 },
        { variantId: knot.variants[0]!.id, quantity: 1 },
        { variantId: fudge.variants[0]!.id, quantity: 2 },
      ],
      fulfilment: [
        { vendorId: croissant.vendorId, type: 'pickup' },
        { vendorId: fudge.vendorId, type: 'pickup' },
      ],
      paymentMethod: 'pay_at_pickup',
    });
    orderId = result.orders.find((o) => o.vendorId === croissant.vendorId)!.id;
    // since then: croissants cost more, the last cinnamon knots are gone
    const pglite = market.database.pglite!;
    await pglite.query('UPDATE variants SET price_cents = 260 WHERE id = $1', [croissant.variants[0]!.id]);
    await pglite.query('UPDATE inventory_levels SET on_hand = 1, reserved = 1 WHERE variant_id = $1', [knot.variants[0]!.id]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  it('orders a past order again on a phone: today’s prices in the cart, what changed and what is missing said plainly', async () => {
    const { context, page, errors } = await openPage(market, PHONE, { customer: cookie });
    contexts.push(context);
    await visitHydrated(market, page, `/orders/${orderId}`);
    await page.getByRole('button', { name: /Order this again/ }).click();
    const summary = page.getByTestId('reorder-summary');
    await summary.waitFor();
    await summary.getByText('Now £2.60, was £2.40.').waitFor();
    await summary.getByText('Cinnamon Knot is sold out.').waitFor();
    await summary.getByRole('link', { name: 'Tell me when it’s back' }).waitFor();
    // the checkout's other shop came along
    await summary.getByText('2 × Sea Salt Fudge').waitFor();
    await shoot(page, 'reorder-summary-phone');
    await summary.getByRole('link', { name: 'Go to cart' }).click();
    await page.waitForURL(/\/cart$/);
    // the order page (and its summary, which names the sold-out knot) stays until the cart has rendered
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByTestId('reorder-summary').waitFor({ state: 'detached' });
    await page.getByText('Butter Croissant').first().waitFor();
    await page.getByText('Sea Salt Fudge').first().waitFor();
    expect(await page.getByText('Cinnamon Knot').count()).toBe(0);
    await shoot(page, 'reorder-cart-phone');
    expect(errors).toEqual([]);
  });

  it('asks to be told when a sold-out product is back; the shop’s delivery tells the customer once', async () => {
    const almond = productNamed(market.shops, 'Almond Croissant');
    const { context, page, errors } = await openPage(market, PHONE, { customer: cookie });
    contexts.push(context);
    await visitHydrated(market, page, `/p/${almond.productId}`);
    await page.getByText('Sold out for now').waitFor();
    await page.getByRole('button', { name: 'Tell me when it’s back' }).click();
    await page.getByTestId('back-in-stock-on').getByText('We’ll tell you when Almond Croissant is back.').waitFor();
    await shoot(page, 'back-in-stock-armed-phone');

    // signed out, the button asks to sign in first
    const guest = await openPage(market, PHONE);
    contexts.push(guest.context);
    await visitHydrated(market, guest.page, `/p/${almond.productId}`);
    await guest.page.getByRole('link', { name: 'Sign in to hear when it’s back' }).waitFor();

    const bakery = market.shops.find((s) => s.vendorId === almond.vendorId)!;
    await bakery.owner.inventory.receive({ variantId: almond.variants[0]!.id, quantity: 12 });
    const mine = await (await callerAs(market.database, market.env, { cookie })).stockAlerts.list({});
    expect(mine.items.map((i) => [i.productName, i.notifiedAt !== null])).toEqual([['Almond Croissant', true]]);
    await page.reload();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    expect(await page.getByRole('button', { name: 'Tell me when it’s back' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('turns the weekly favourites email on from the account page, and off from the emailed link without signing in', async () => {
    const { context, page, errors } = await openPage(market, PHONE, { customer: cookie });
    contexts.push(context);
    await visitHydrated(market, page, '/account');
    const box = page.getByLabel('Email me once a week about new products from my favourite shops');
    // the back-in-stock request of the test before is listed, told already
    await page.getByRole('link', { name: 'Almond Croissant' }).waitFor();
    await page.getByText(/Harbourside Bakehouse · told you it was back/).waitFor();
    await box.click();
    // the box shows the server's answer: checked and enabled again once the choice is saved
    await page.locator('input[data-testid="digest-checkbox"]:checked:not([disabled]), [data-testid="digest-checkbox"] input:checked:not([disabled])').waitFor();
    const me = await callerAs(market.database, market.env, { cookie });
    expect(await me.digest.settings()).toEqual({ weekly: true });
    await shoot(page, 'digest-checkbox-phone');

    const who = await me.auth.me();
    if (who.kind !== 'customer') throw new Error('not signed in');
    const guest = await openPage(market, PHONE);
    contexts.push(guest.context);
    await visitHydrated(market, guest.page, `/account/digest/unsubscribe?t=${encodeURIComponent(digestUnsubscribeToken(market.env, who.customer.id))}`);
    await guest.page.getByRole('button', { name: 'Stop the weekly email' }).click();
    await guest.page.getByText('Done — you won’t get it any more.').waitFor();
    await shoot(guest.page, 'digest-unsubscribed-phone');
    expect(await me.digest.settings()).toEqual({ weekly: false });
    expect([...errors, ...guest.errors]).toEqual([]);
  });
});
