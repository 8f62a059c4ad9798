import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
// the local fakes the server's own bridge tests use; this process runs them, the server child talks to them
import { startShopifyFake, type ShopifyFake } from '../../server/src/services/bridges/shopify/fake/index';
import { startSquareFake, type SquareFake } from '../../server/src/services/bridges/square/fake/index';
import { startToastFake, type ToastFake } from '../../server/src/services/bridges/toast/fake/index';
import { ownerAtCounter, type CounterApi } from './bridge-kit';
import { launch, shot, SHOTS_DIR, startStack, type Stack } from './harness';
import { seriousA11yProblems } from './screen-kit';

/*
 * Back office → Point of sale on a marketplace that has all three points of sale set up (real marketplace, the
 * local Square, Shopify and Toast fakes): the owner sees them side by side, Shopify asks for the store address and
 * refuses a wrong one in words, Toast lists the restaurants that added Makeries — the one added with the owner's
 * address can be claimed, another's is greyed with the reason — and claiming it connects the shop to Toast.
 */

const MY_RESTAURANT = 'r-harbour-bakery';
const OTHER_RESTAURANT = 'r-someone-else';

let square: SquareFake;
let shopify: ShopifyFake;
let toast: ToastFake;
let stack: Stack;
let browser: Browser;
let page: Page;
let api: CounterApi;

beforeAll(async () => {
  [square, shopify, toast] = await Promise.all([startSquareFake({ merchants: [{ merchantId: 'MLHARBOUR02', locations: [{ id: 'L-QUAY', name: 'Quayside', currency: 'GBP' }] }] }), startShopifyFake(), startToastFake()]);
  [stack, { browser, page }] = await Promise.all([
    startStack(inject('uiDir'), {
      SQUARE_APPLICATION_ID: square.applicationId,
      SQUARE_APPLICATION_SECRET: square.clientSecret,
      SQUARE_API_BASE: square.baseUrl,
      SHOPIFY_CLIENT_ID: shopify.clientId,
      SHOPIFY_CLIENT_SECRET: shopify.clientSecret,
      SHOPIFY_API_BASE: shopify.baseUrl,
      TOAST_CLIENT_ID: toast.clientId,
      TOAST_CLIENT_SECRET: toast.clientSecret,
      TOAST_API_BASE: toast.baseUrl,
      TOAST_WEBHOOK_SECRET: toast.webhookSecret,
    }),
    launch({ width: 1280, height: 800 }),
  ]);
  page.setDefaultTimeout(45_000);
  api = (await ownerAtCounter(stack)).api;
  const ownerEmail = (await stack.shop.owner.staff.list.query()).find((m) => m.role === 'owner')?.email ?? '';
  toast.addRestaurant(MY_RESTAURANT, { name: 'Harbour Bakery', locationName: 'Quayside', currencyCode: 'GBP', createdBy: ownerEmail });
  toast.addRestaurant(OTHER_RESTAURANT, { name: 'Dockside Diner', locationName: 'Pier 4', currencyCode: 'GBP', createdBy: 'chef@dockside.example' });
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-bridge-offers-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
  await Promise.all([square?.close(), shopify?.close(), toast?.close()]);
});

describe('Point of sale: Square, Shopify and Toast side by side (real marketplace, local fakes)', { timeout: 240_000 }, () => {
  it('shows the three set up, each with its own way to connect; a wrong store address is refused in words', async () => {
    await page.goto(stack.counter.url);
    await page.getByTestId('signed-in-staff').waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('section-bridge').click();
    await page.getByTestId('bridge-providers').waitFor();
    expect((await api.bridges.status.query()).providers.map((p) => [p.provider, p.configured])).toEqual([
      ['square', true],
      ['shopify', true],
      ['toast', true],
    ]);
    await page.getByTestId('bridge-provider-square').getByRole('button', { name: 'Connect Square' }).waitFor();
    const shopifyCard = page.getByTestId('bridge-provider-shopify');
    await shopifyCard.getByLabel('Store address').waitFor();
    const toastCard = page.getByTestId('bridge-provider-toast');
    await toastCard.getByTestId(`bridge-account-${MY_RESTAURANT}`).getByRole('button', { name: 'Connect Harbour Bakery — Quayside' }).waitFor();
    const other = toastCard.getByTestId(`bridge-account-${OTHER_RESTAURANT}`);
    await other.getByText(/added to Makeries by chef@dockside\.example/).waitFor();
    expect(await other.getByRole('button').count()).toBe(0);
    expect(await page.getByText('Not set up on this marketplace.').count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shot(page, 'bridge-offers-01-three-set-up-1280');

    await shopifyCard.getByLabel('Store address').fill('not a shop!');
    await shopifyCard.getByRole('button', { name: 'Connect Shopify' }).click();
    await shopifyCard.getByText('Type the store address Shopify gave you, like your-shop.myshopify.com.').waitFor();
    await shot(page, 'bridge-offers-02-shopify-wrong-address-1280');
  });

  it('the owner claims the restaurant added with their address: the shop is connected to Toast', async () => {
    await page.getByTestId(`bridge-account-${MY_RESTAURANT}`).getByRole('button', { name: 'Connect Harbour Bakery — Quayside' }).click();
    await page.locator('[data-testid="bridge-connection"][data-state="choose_location"]').waitFor();
    await page.getByRole('heading', { name: 'Toast' }).first().waitFor();
    const view = await api.bridges.status.query();
    expect(view).toMatchObject({ provider: 'toast', state: 'choose_location', account: MY_RESTAURANT, capabilities: { stockWrite: true, orderWrite: true } });
    await shot(page, 'bridge-offers-03-toast-claimed-1280');
  });
});
