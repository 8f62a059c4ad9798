import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, type Stack } from './harness';

/*
 * A shop that has registered but is not approved yet (the marketplace here does not approve shops as they
 * register): its counter pairs, sells and opens the back office, which says the shop is waiting for Makeries.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir'), { AUTO_APPROVE_SHOPS: 'off' }), launch()]);
  page.setDefaultTimeout(45_000);
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

describe('the back office of a shop waiting for approval', { timeout: 240_000 }, () => {
  it('shows the waiting banner above every section', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await page.getByRole('button', { name: 'Pair counter' }).first().click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('standing-banner').filter({ hasText: 'Waiting for Makeries to approve your shop — you can set up your catalog meanwhile' }).waitFor();
    await page.getByTestId('section-catalog').click();
    await page.getByTestId('standing-banner').waitFor();
    await shot(page, 'bo-standing-pending');
  });
});
