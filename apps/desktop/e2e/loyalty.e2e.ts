import { uuidv7 } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Loyalty at the till (issue 18), against the real marketplace: the shop runs points (10 per £1, 100 = £1 off);
 * the cashier finds a customer by phone and puts them on a sale; the marketplace goes away; that sale earns and
 * the next one redeems offline, the till showing the balance it expects; back online, the server's ledger agrees.
 */

let stack: Stack;
let browser: Browser;
let page: Page;
const PHONE = '07700 900456';

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  await stack.shop.owner.loyalty.setProgramme.mutate({ programme: { kind: 'points', pointsPerPound: 10, pointsPerPoundOff: 100 } });
  // a marketplace customer with a phone number (the storefront's sign-up does not ask for one)
  await stack.server.stop();
  await stack.server.sql(`INSERT INTO customers (id, email, name, phone, password_hash) VALUES ('${uuidv7()}', 'lin@example.test', 'Lin Loyal', '${PHONE}', 'unusable')`);
  await stack.server.restart();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-loyalty-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

/** a tap on the product (scanning is covered by counter.e2e.ts; a tap cannot be split by a busy machine) */
async function addJam(): Promise<void> {
  await page.getByRole('textbox', { name: 'Search products' }).fill('jam');
  await page.getByTestId('product-grid').getByRole('button', { name: /Add Harbour Raspberry Jam/ }).click();
  await waitForText(page.getByTestId('cart-line'), /1 × £3\.99/);
}

/** Not yet a customer of this shop, the name comes masked ("L•••l"); after a synced sale, in full. */
async function attachByPhone(name: RegExp): Promise<void> {
  await page.keyboard.press('F7');
  await page.getByTestId('customer-query').fill(PHONE);
  await button('Find').click();
  await waitForText(page.getByTestId('customer-found'), name);
  await button('Add to sale').click();
  await waitForText(page.getByTestId('cart-customer'), name);
}

async function payExact(amount: RegExp): Promise<void> {
  await page.keyboard.press('F12');
  await button(amount).click();
  await waitForText(page.getByRole('heading'), /Paid · receipt/);
  await button(/Next customer/).click();
  await page.getByText('Current sale').waitFor();
}

describe('loyalty at the counter', () => {
  it('pairs, signs the cashier in and opens the till', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await button('Pair counter').click();
    await page.getByText('Type your PIN').waitFor({ timeout: 30_000 });
    await waitForText(page.getByTestId('sync-connection'), /Online/, 30_000);
    await typeByHand(page, stack.shop.cashier.pin);
    await page.keyboard.press('Enter');
    await page.getByText('Current sale').waitFor();
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
    await waitForText(page.getByTestId('sync-connection'), /Online/, 30_000);
  });

  it('attaches a customer by phone and shows their card and what the sale earns', async () => {
    await addJam();
    await attachByPhone(/L•••l/);
    await waitForText(page.getByTestId('loyalty-balance'), /^0 points — worth £0\.00 off$/);
    await waitForText(page.getByTestId('loyalty-earn'), /This sale earns 39 points/);
  });

  it('offline: the sale earns, the next one redeems, the till shows the balance it expects', async () => {
    await stack.server.stop();
    await waitForText(page.getByTestId('sync-connection'), /^Offline$/, 20_000);
    await payExact(/Cash £3\.99 exact/);

    await addJam();
    // offline the till finds a customer it has seen, by the same phone number
    await attachByPhone(/L•••l/);
    await waitForText(page.getByTestId('loyalty-balance'), /^39 points — worth £0\.39 off · last synced$/);
    await button('Use points').click();
    await waitForText(page.getByTestId('loyalty-earn'), /Using 39 points: −£0\.39/);
    await waitForText(page.getByTestId('cart-total'), /£3\.60/);
    await shot(page, 'loyalty-01-offline-redeem');
    await payExact(/Cash £3\.60 exact/);
  });

  it('back online, both sales sync once and the server’s balance is what the till expected', async () => {
    await stack.server.restart();
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await waitForText(page.getByTestId('sync-pending'), /^All sent$/, 60_000);
    await addJam();
    await attachByPhone(/Lin Loyal/);
    // 39 earned − 39 redeemed + 36 earned on £3.60, from the server's ledger (no "last synced")
    await waitForText(page.getByTestId('loyalty-balance'), /^36 points — worth £0\.36 off$/, 30_000);
    await shot(page, 'loyalty-02-synced-balance');
  });
});
