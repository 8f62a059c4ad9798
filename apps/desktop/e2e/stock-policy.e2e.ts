import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';

/*
 * Selling what the till shows as sold out, in browser mode against the real marketplace: a bun counted to 0 on
 * the server shows "0 in stock" on its tile; tapping it asks "0 in stock — sell anyway?" (Escape keeps it out of
 * the sale, Enter sells it); with the shop set to block (online) the tile says "Sold out" and the till refuses.
 * Then the shift closes blind (the shop default): the count is taken without the expected cash on screen.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  const bun = await stack.shop.owner.products.create.mutate({ name: 'Harbour Iced Bun', variants: [{ sku: 'ICED-BUN-1', priceCents: 150, taxClass: 'standard' }] });
  const variantId = bun.variants[0]?.id;
  if (!variantId) throw new Error('the bun has no variant');
  await stack.shop.owner.inventory.count.mutate({ variantId, quantity: 0, note: 'Sold out this morning' });
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-stock-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();
const bunTile = () => page.getByTestId('product-grid').getByRole('button', { name: /Add Harbour Iced Bun/ });
const dialog = () => page.getByTestId('sold-out-dialog');

async function findBun() {
  await page.getByRole('textbox', { name: 'Search products' }).fill('iced bun');
  await bunTile().waitFor();
}

describe('a sold-out item at the register', () => {
  it('pairs and signs the manager in with the till open', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await button('Pair counter').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    // the staff (and their PIN hashes) have arrived once the first sync is through
    await waitForText(page.getByTestId('sync-connection'), /Online/);
    // by the on-screen keypad: typed keys can be dropped while the lock screen settles on a busy machine
    for (const digit of stack.manager.pin) await page.getByRole('button', { name: digit, exact: true }).click();
    await button('Unlock').click();
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
  });

  it('shows "0 in stock" on the tile and asks before selling: Escape keeps it out, Enter sells it', async () => {
    await findBun();
    await waitForText(bunTile().getByTestId('tile-sold-out'), /^0 in stock$/);
    // read out too, not only shown
    await page.getByRole('button', { name: /^Add Harbour Iced Bun \(0 in stock, asks before selling\)/ }).waitFor();
    await shot(page, 'stock-01-sold-out-tile');
    await bunTile().click();
    await waitForText(dialog(), /Harbour Iced Bun: 0 in stock — sell anyway\?/);
    await page.getByRole('dialog').getByText('0 in stock — sell anyway?', { exact: true }).waitFor();
    await shot(page, 'stock-02-sell-anyway');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await findBun();
    await bunTile().click();
    await dialog().waitFor();
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('cart-line'), /1 × £1\.50/);
    await page.keyboard.press('Escape');
  });

  it('with the shop set to block (online), the tile says "Sold out" and the till does not sell it', async () => {
    await page.keyboard.press('F5');
    await page.getByTestId('section-settings').click();
    await page.getByRole('tab', { name: 'Shop', exact: true }).click();
    await page.getByTestId('store-counter-card').scrollIntoViewIfNeeded();
    await page.getByTestId('store-counter-card').getByText('Block (online)').click();
    await page.getByText('Saved').first().waitFor();
    await waitForText(page.getByTestId('store-counter-card'), /will not sell an item it shows as sold out while online/);
    await shot(page, 'stock-03-settings-block');
    await page.keyboard.press('F1');
    await findBun();
    await waitForText(bunTile().getByTestId('tile-sold-out'), /^Sold out$/);
    await bunTile().click();
    await waitForText(dialog(), /This shop does not sell items the till shows as sold out/);
    expect(await dialog().getByRole('button', { name: /Sell anyway/ }).count()).toBe(0);
    await shot(page, 'stock-04-blocked');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'hidden' });
    await waitForText(page.getByTestId('cart-line'), /1 × £1\.50/);
    expect(await page.getByTestId('cart-line').count()).toBe(1);
  });

  it('closes the shift blind: no expected cash on screen while counting, over/short once the count is in', async () => {
    await page.keyboard.press('F12');
    await page.getByText('Take payment').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('change-due').waitFor();
    await page.keyboard.press('F4');
    await page.getByTestId('expected-cash-hidden').waitFor();
    expect(await page.getByTestId('expected-cash').count()).toBe(0);
    await button('Close shift…').click();
    await page.getByTestId('blind-close-note').waitFor();
    await page.getByLabel('Number of £1.00 coins').fill('5');
    await waitForText(page.getByTestId('counted-total'), /£5\.00/);
    expect(await page.getByTestId('live-over-short').count()).toBe(0);
    expect(await page.getByText('Expected', { exact: true }).count()).toBe(0);
    await shot(page, 'stock-05-blind-count');
    await button(/^Close shift$/).click();
    const expectedText = await waitForText(page.getByTestId('expected-cash'), /£/);
    const expected = Math.round(Number(expectedText.replace(/[^\d.]/g, '')) * 100);
    const short = ((expected - 500) / 100).toFixed(2);
    await waitForText(page.getByTestId('over-short'), new RegExp(`−£${short.replace('.', '\\.')}`));
    await shot(page, 'stock-06-z-after-blind');
  });
});
