import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Selling what the till shows as sold out, in browser mode against the real marketplace: a bun counted to 0 on
 * the server shows "0 in stock" on its tile; tapping it asks "0 in stock — sell anyway?" (Escape keeps it out of
 * the sale, Enter sells it); with the shop set to block (online) the tile says "Sold out" and the till refuses.
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
    // the lock screen asks for a PIN, after a name on counters that still show the staff list
    const byName = page.getByRole('button', { name: `Sign in as ${stack.manager.name}` });
    await byName.or(page.getByRole('heading', { name: 'Type your PIN' })).first().waitFor();
    if (await byName.isVisible()) await byName.click();
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
  });

  it('shows "0 in stock" on the tile and asks before selling: Escape keeps it out, Enter sells it', async () => {
    await findBun();
    await waitForText(bunTile().getByTestId('tile-sold-out'), /^0 in stock$/);
    expect(await bunTile().getAttribute('aria-label')).toBe('Add Harbour Iced Bun (0 in stock, asks before selling)');
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
});
