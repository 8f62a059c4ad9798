import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRuntime } from '../../server/src/jobs/runtime';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { notifyChannels } from '../../server/src/services/notify/channels';
import { registerNotifyJobs } from '../../server/src/services/notify/deliver';
import { notifyMany } from '../../server/src/services/notify/notify';
import { startPushEndpointFake, type FakeDevice, type PushEndpointFake } from '../../server/src/services/notify/push-endpoint-fake';
import { vapidKeys } from '../../server/src/services/notify/vapid';
import { productNamed } from '../../server/src/test/storefront-shops';
import { seriousA11yProblems } from './axe';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const BAKERY = 'harbourside-bakehouse';
/** registering the service worker and subscribing take a moment on a busy machine */
const WAIT = { timeout: 20_000 };

/**
 * The machine has no internet, so Chromium's own push service is out of reach: the page's PushManager is replaced
 * (an init script) by one handing out the subscription of a device of the local push-endpoint fake — keys made
 * by the test, endpoint on 127.0.0.1. That is the network boundary; everything else is real: the storefront's
 * service worker and its registration with the server, the server's web-push encryption and VAPID signature, the
 * fake decrypting, and the service worker showing the push (delivered through the DevTools protocol).
 */
function fakePushManager(device: FakeDevice): string {
  return `(() => {
    const sub = ${JSON.stringify(device.subscription)};
    const STORE = '__fakePushKey';
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
    const make = (keyB64) => ({
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: bytes(keyB64) },
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      getKey: () => null,
      unsubscribe: async () => { localStorage.removeItem(STORE); return true; },
    });
    PushManager.prototype.getSubscription = async function () {
      const key = localStorage.getItem(STORE);
      return key ? make(key) : null;
    };
    PushManager.prototype.subscribe = async function (options) {
      const raw = new Uint8Array(options.applicationServerKey);
      const key = btoa(String.fromCharCode(...raw));
      localStorage.setItem(STORE, key);
      return make(key);
    };
  })();`;
}

describe('web push in a browser', () => {
  let market: LiveMarket;
  let fake: PushEndpointFake;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    fake = await startPushEndpointFake({ vapidPublicKey: vapidKeys(market.env).publicKey });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await fake?.close();
    await market?.close();
  });

  async function browserFor(device: FakeDevice, viewport = PHONE, customer?: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const opened = await openPage(market, viewport, customer ? { customer } : {});
    contexts.push(opened.context);
    await opened.context.grantPermissions(['notifications'], { origin: market.base });
    await opened.context.addInitScript(fakePushManager(device));
    return opened;
  }

  /** a full-page shot from the top (the sticky header stays where it belongs), once no button is still loading */
  async function shootSettled(page: Page, name: string): Promise<void> {
    await expect.poll(() => page.locator('[data-loading]').count(), WAIT).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, name);
  }

  /** the server's delivery job, as the job runner runs it */
  async function deliverNotifications(): Promise<void> {
    const db = market.database.db;
    const runtime = createJobRuntime(db);
    registerNotifyJobs(runtime, db, market.env, notifyChannels(db, market.env));
    await runtime.tick();
  }

  async function placeOrder(customer?: string) {
    const bakery = market.shops.find((s) => s.slug === BAKERY)!;
    const croissant = productNamed(market.shops, 'Butter Croissant');
    const buyer = await callerAs(market.database, market.env, customer ? { cookie: customer } : {});
    const result = await buyer.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: 'Ada Lovelace', email: 'ada@example.test', phone: '' },
      items: [{ variantId: croissant.variants[0]!.id, quantity: 3 }],
      fulfilment: [{ vendorId: bakery.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    return { order: result.orders[0]!, bakery };
  }

  it('a guest taps “Tell me on this device”; the shop accepts; the push reaches the device encrypted and the service worker shows it', async () => {
    const { order, bakery } = await placeOrder();
    const device = fake.device();
    const { context, page, errors } = await browserFor(device);
    const path = `/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`;
    await visitHydrated(market, page, path);
    const state = page.getByTestId('order-push-state');
    await expect.poll(() => state.textContent(), WAIT).toBe('Off');
    await shootSettled(page, 'push-order-off-phone');
    await page.getByRole('button', { name: 'Tell me on this device' }).click();
    await expect.poll(() => state.textContent(), WAIT).toBe('On');
    await shootSettled(page, 'push-order-on-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // the shop accepts: the server encrypts with web-push and POSTs to the device's push service (the fake)
    await bakery.owner.orders.transition({ orderId: order.id, to: 'accepted' });
    await deliverNotifications();
    expect(fake.refused).toEqual([]);
    const [pushed] = fake.received.filter((m) => m.deviceId === device.id);
    const payload = pushed?.json as { title: string; body: string; url: string; tag: string };
    expect(payload.title).toBe('Harbourside Bakehouse accepted your order');
    expect(payload.body).toBe(`Order ${order.number} is being prepared. We will tell you when it is ready.`);
    expect(payload.url).toBe(`${market.base}${path}`);
    expect(pushed?.urgency).toBe('high');

    // the same payload delivered to the storefront's service worker through the DevTools protocol
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
    const versions: { registrationId: string; status: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: typeof versions }) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.find((r) => r.scopeURL === `${market.base}/` && !r.isDeleted)?.registrationId, WAIT).toBeTruthy();
    const registrationId = registrations.find((r) => r.scopeURL === `${market.base}/` && !r.isDeleted)!.registrationId;
    // a push reaches an activated worker (one still activating may drop it)
    await expect.poll(() => versions.some((v) => v.registrationId === registrationId && v.status === 'activated'), WAIT).toBe(true);
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: market.base, registrationId, data: pushed!.text });
    const shown = async () =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url })));
    await expect.poll(shown, WAIT).toEqual([{ title: payload.title, body: payload.body, tag: `order_accepted:${order.id}`, url: payload.url }]);

    // the same browser on a wide screen (a second context would be another browser, without this subscription)
    await page.setViewportSize(DESKTOP);
    await visitHydrated(market, page, path);
    await expect.poll(() => state.textContent(), WAIT).toBe('On');
    await shootSettled(page, 'push-order-on-desktop');

    // off again: the server lets the device go, the next status is not pushed to it
    await page.getByRole('button', { name: 'Turn off on this device' }).click();
    await expect.poll(() => state.textContent(), WAIT).toBe('Off');
    await bakery.owner.orders.transition({ orderId: order.id, to: 'ready' });
    await deliverNotifications();
    expect(fake.received.filter((m) => m.deviceId === device.id)).toHaveLength(1);
    expect(errors).toEqual([]);

    // a browser without the Push API is told why, and offered no button that cannot work
    const old = await openPage(market, PHONE);
    contexts.push(old.context);
    await old.context.addInitScript('delete window.PushManager;');
    await visitHydrated(market, old.page, path);
    await old.page.getByText('This browser cannot show notifications from websites.', { exact: false }).waitFor();
    expect(await old.page.getByRole('button', { name: 'Tell me on this device' }).count()).toBe(0);
    await shootSettled(old.page, 'push-order-unsupported-phone');
  });

  it('the account’s Notifications section: this device on, choices per kind and channel saved, recently sent listed', async () => {
    const cookie = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace.push@example.test', password: 'grace-password-1' });
    const device = fake.device();
    const { page, errors } = await browserFor(device, PHONE, cookie);
    await visitHydrated(market, page, '/account#notifications');
    const section = page.locator('#notifications');
    await section.getByRole('heading', { name: 'Notifications' }).waitFor();
    await expect.poll(() => page.getByTestId('account-push-state').textContent(), WAIT).toBe('Off');
    await section.getByText('Push notifications on this device').click();
    await expect.poll(() => page.getByTestId('account-push-state').textContent(), WAIT).toBe('On');

    // push off for accepted orders; the choice is kept
    const accepted = section.getByRole('checkbox', { name: 'Order accepted by push' });
    await expect.poll(() => accepted.isChecked(), WAIT).toBe(true);
    await accepted.click();
    await expect.poll(() => accepted.isChecked(), WAIT).toBe(false);

    // an order of this account: accepted is not pushed (turned off), ready is, and both show as recently sent
    const { order, bakery } = await placeOrder(cookie);
    await bakery.owner.orders.transition({ orderId: order.id, to: 'accepted' });
    await bakery.owner.orders.transition({ orderId: order.id, to: 'ready' });
    await deliverNotifications();
    expect(fake.received.filter((m) => m.deviceId === device.id).map((m) => (m.json as { title: string }).title)).toEqual([`Order ${order.number} is ready`]);

    // a fresh page (going to the same URL with its #fragment would only scroll): the choice came from the server
    await page.reload();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await expect.poll(() => section.getByRole('checkbox', { name: 'Order accepted by push' }).isChecked(), WAIT).toBe(false);
    const recent = section.getByRole('list', { name: 'Recently sent' });
    await recent.getByText(`Order ${order.number} is ready`).waitFor();
    await recent.getByText('Push sent').first().waitFor();
    await shootSettled(page, 'push-account-notifications-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // older ones a page at a time: 2 order updates + 6 restocks = 8, five shown, then the rest
    const me = await (await callerAs(market.database, market.env, { cookie })).auth.me();
    if (me.kind !== 'customer') throw new Error('not signed in');
    await notifyMany(
      market.database.db,
      Array.from({ length: 6 }, (_, i) => ({ topic: 'back_in_stock' as const, dedupeKey: `e2e:restock:${String(i)}`, customerId: me.customer.id, title: `Loaf ${String(i + 1)} is back`, body: 'Back at Harbourside Bakehouse.', url: '/' })),
    );
    await page.reload();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await expect.poll(() => recent.getByRole('listitem').count(), WAIT).toBe(5);
    await section.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => recent.getByRole('listitem').count(), WAIT).toBe(8);
    expect(await section.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    await page.setViewportSize(DESKTOP);
    await page.reload();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await recent.waitFor();
    await expect.poll(() => page.getByTestId('account-push-state').textContent(), WAIT).toBe('On');
    await shootSettled(page, 'push-account-notifications-desktop');
    expect(errors).toEqual([]);
  });
});
