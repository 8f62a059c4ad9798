import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Promo codes at the till (issue 18), against the real marketplace: the shop has two codes, the counter syncs them;
 * the marketplace goes away; the cashier is told why one does not apply, applies the other and sells; back online
 * the sale syncs and the server counts the use. Photographed at 1280×800.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  page.setDefaultTimeout(45_000);
  await stack.shop.owner.promos.create.mutate({ code: 'JAM1', description: '£1 off over £3', discount: { kind: 'amount', amountCents: 100 }, minBasketCents: 300 });
  await stack.shop.owner.promos.create.mutate({ code: 'BIG', description: '£2 off over £10', discount: { kind: 'amount', amountCents: 200 }, minBasketCents: 1000 });
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-tillpromo-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

async function typeCode(code: string): Promise<void> {
  await page.getByTestId('promo-code-button').click();
  await page.getByTestId('promo-code-input').fill(code);
  await button('Apply code').click();
}

describe('promo codes at the till', { timeout: 240_000 }, () => {
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
  });

  it('offline: refuses a code below its minimum with the reason, applies a synced code and sells with it', async () => {
    await stack.server.stop();
    await waitForText(page.getByTestId('sync-connection'), /^Offline$/, 20_000);
    await page.getByRole('textbox', { name: 'Search products' }).fill('jam');
    await page.getByTestId('product-grid').getByRole('button', { name: /Add Harbour Raspberry Jam/ }).click();
    await waitForText(page.getByTestId('cart-line'), /1 × £3\.99/);
    await typeCode('big');
    await waitForText(page.getByTestId('promo-code-error'), /Spend £6\.01 more to use the code BIG/);
    await shot(page, 'tillpromo-01-refused');
    await page.getByTestId('promo-code-input').fill('jam1');
    await button('Apply code').click();
    await waitForText(page.getByTestId('cart-promo'), /Promo code JAM1/);
    await waitForText(page.getByTestId('cart-promo-saving'), /−£1\.00/);
    await waitForText(page.getByTestId('cart-total'), /£2\.99/);
    await shot(page, 'tillpromo-02-applied');
    await page.keyboard.press('F12');
    await button(/Cash £2\.99 exact/).click();
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
    await button(/Next customer/).click();
    await page.getByText('Current sale').waitFor();
  });

  it('back online, the sale syncs and the marketplace counts the use', async () => {
    await stack.server.restart();
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await waitForText(page.getByTestId('sync-pending'), /^All sent$/, 60_000);
    const listed = await stack.shop.owner.promos.list.query({});
    const jam = listed.items.find((p) => p.code === 'JAM1');
    expect(jam).toMatchObject({ uses: 1, discountCents: 100, overLimitUses: 0 });
  });
});
