import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsNumbers } from '../../server/src/db/schema/index';
import { createJobRuntime } from '../../server/src/jobs/runtime';
import { customerCookie } from '../../server/src/seed/caller';
import { registerNotifyJobs } from '../../server/src/services/notify/deliver';
import { notifyChannels } from '../../server/src/services/notify/channels';
import { startFakeTwilio, type FakeTwilio } from '../../server/src/services/notify/sms/fake-twilio';
import { productNamed } from '../../server/src/test/storefront-shops';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const BAKERY = 'harbourside-bakehouse';

/**
 * Texts in the browser against the real server configured with a fake Twilio: a guest ticks "Text me about this
 * order" at checkout (a landline is refused on the phone field first), the shop has the order ready, and the
 * text reaches the provider with the order's link; a signed-in customer saves a number on the account page.
 */
describe('text messages in a browser', () => {
  let fake: FakeTwilio;
  let market: LiveMarket;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fake = await startFakeTwilio();
    market = await startLiveMarket(fake.env);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
    await fake?.close();
  });

  it('a guest ticks "Text me about this order"; when the order is ready the text carries its link', async () => {
    const { context, page, errors } = await openPage(market, PHONE);
    contexts.push(context);
    await visitHydrated(market, page, '/');
    await page.getByLabel('Your postcode').fill('bs1 4qa');
    await page.getByRole('button', { name: 'Find shops' }).click();
    await page.getByRole('heading', { name: /^Shops near BS1 4QA/ }).waitFor();
    await visitHydrated(market, page, `/p/${productNamed(market.shops, 'Butter Croissant').productId}`);
    await page.getByLabel('Quantity').fill('3'); // the bakery's minimum order is £5
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'View cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada.texts@example.test');
    await page.getByLabel('Phone').fill('0117 496 0123');
    await page.getByRole('checkbox', { name: 'Text me about this order' }).check();
    const place = page.locator('button[type="submit"]:not([disabled])', { hasText: 'Place order' });
    await place.click();
    // the server's refusal lands on the phone field; nothing is ordered
    await page.getByText('Texts need a mobile number').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot of a scrolled page paints the sticky header mid-page
    await shoot(page, 'sms-checkout-landline-phone');
    await page.getByLabel('Phone').fill('07700 900123');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'sms-checkout-phone');
    await place.click();
    await page.getByRole('heading', { name: /Your order is placed/ }).waitFor();

    const bakery = market.shops.find((s) => s.slug === BAKERY);
    if (!bakery) throw new Error('no bakery');
    const mine = (await bakery.owner.orders.listForVendor({ limit: 100 })).items.filter((o) => o.contact?.email === 'ada.texts@example.test');
    expect(mine).toHaveLength(1);
    const orderId = mine[0]!.id;
    for (const to of ['accepted', 'ready'] as const) await bakery.owner.orders.transition({ orderId, to });

    // the delivery job, as a server instance runs it, on the channels this server is configured with
    const runtime = createJobRuntime(market.database.db);
    registerNotifyJobs(runtime, market.database.db, market.env, notifyChannels(market.database.db, market.env));
    await runtime.tick();
    const texts = fake.texts.filter((t) => t.to === '+447700900123');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toMatch(new RegExp(`^Order ${mine[0]!.number} is ready\\. Collect it at Harbourside Bakehouse\\. ${market.base}/orders/${orderId}\\?t=\\S+$`));
    // the link opens the order on a phone that never ordered
    const link = texts[0]!.body.split(' ').at(-1)!;
    const other = await openPage(market, PHONE);
    contexts.push(other.context);
    await other.page.goto(link);
    await other.page.getByText(`Order ${mine[0]!.number}`).first().waitFor();
    // the refused landline is the one failed request (its 400); nothing else went wrong on the page
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    expect(other.errors).toEqual([]);

    // the customer replies STOP: the server's webhook (PUBLIC_URL/webhooks/sms) takes the signed text
    const stop = await fake.inbound({ webhookUrl: `${market.base}/webhooks/sms`, from: '+447700900123', body: 'STOP' });
    expect(stop.status).toBe(200);
    const number = (await market.database.db.select().from(smsNumbers)).find((n) => n.phone === '+447700900123');
    expect(number?.optOutSource).toBe('stop');
  });

  it('a signed-in customer saves a mobile number for texts on the account page', async () => {
    const cookie = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace.texts@example.test', password: 'grace-password-1' });
    const { context, page, errors } = await openPage(market, PHONE, { customer: cookie });
    contexts.push(context);
    await visitHydrated(market, page, '/account');
    const card = page.locator('#texts');
    await card.getByRole('heading', { name: 'Text messages' }).waitFor();
    await card.getByLabel('Mobile number').fill('+44 7700 900456');
    const texting = card.getByRole('switch', { name: 'Text me about my orders' });
    await card.getByText('Text me about my orders').click();
    expect(await texting.isChecked()).toBe(true);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').getByText('Saved').waitFor();
    // shown as written here
    expect(await card.getByLabel('Mobile number').inputValue()).toBe('07700 900456');
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'sms-account-card-phone');
    expect(errors).toEqual([]);
  });
});
