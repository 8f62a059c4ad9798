import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * The shared page cache end to end: a customer's browser reads a product page the marketplace server serves
 * from its page cache; a manager edits the price at the counter; the counter's sync reaches the server, whose
 * change-feed NOTIFY drops the cached copy, and the next load of the product page shows the new price.
 */

let stack: Stack;
let browser: Browser;
let counter: Page;
let shopper: Page;

beforeAll(async () => {
  [stack, { browser, page: counter }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  shopper = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
  shopper.setDefaultTimeout(20_000);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && counter) await shot(counter, `FAILED-storefront-cache-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

/** Loads the product page as a new visit; returns whether the server answered from its page cache. */
async function loadProductPage(): Promise<'hit' | 'miss'> {
  const res = await shopper.goto(`${stack.server.url}/p/${stack.jam.productId}`);
  expect(res?.status()).toBe(200);
  return res?.headers()['x-page-cache'] === 'hit' ? 'hit' : 'miss';
}

const price = () => shopper.locator('main h1 ~ *, main').getByText(/£\d+\.\d{2}/).first().textContent();

describe('a price edited at the counter reaches the cached product page', () => {
  it('the product page is served from the page cache', async () => {
    await loadProductPage();
    await shopper.getByRole('heading', { name: 'Harbour Raspberry Jam', level: 1 }).waitFor();
    expect(await price()).toContain('£3.99');
    // the second visit is the cached copy
    expect(await loadProductPage()).toBe('hit');
    await shopper.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await shot(shopper, 'storefront-cache-01-before');
  });

  it('a manager changes the price at the counter; the next load of the page shows it', async () => {
    await counter.goto(stack.counter.url);
    await counter.getByLabel('Pairing code', { exact: true }).fill(await stack.shop.pairingCode());
    await counter.getByRole('button', { name: 'Pair counter' }).click();
    await counter.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typeByHand(counter, stack.manager.pin);
    await counter.keyboard.press('Enter');
    await counter.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await counter.keyboard.press('F5');
    await counter.getByTestId('section-catalog').click();
    const row = counter.getByTestId('product-row-Harbour Raspberry Jam');
    await row.click();
    const editor = counter.getByTestId('product-editor');
    await editor.getByLabel('Price', { exact: true }).fill('4.49');
    await counter.keyboard.press('Control+s');
    await waitForText(row, /£4\.49/);
    const saved = Date.now();
    await shot(counter, 'storefront-cache-02-counter-edit');

    // reload like an impatient shopper until the new price is there (the cached copy is dropped by the NOTIFY)
    const loads: ('hit' | 'miss')[] = [];
    for (;;) {
      loads.push(await loadProductPage());
      if ((await price())?.includes('£4.49')) break;
      if (Date.now() - saved > 30_000) throw new Error(`the product page still shows ${await price()} 30 s after the edit`);
      await shopper.waitForTimeout(100);
    }
    console.info(`storefront-cache: new price on the product page ${Date.now() - saved} ms after the counter saved it (${loads.length} loads)`);
    // the page that showed the new price was rendered anew, not a copy that merely expired
    expect(loads.at(-1)).toBe('miss');
    expect(await loadProductPage()).toBe('hit');
    await shopper.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await shot(shopper, 'storefront-cache-03-after');
  });
});
