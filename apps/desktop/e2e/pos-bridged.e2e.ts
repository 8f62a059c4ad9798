import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Back office → Catalog and Stock for a product bridged from Square (issue 14): the bridge engine marked it on
 * the marketplace (here: the same columns written with SQL while the server is stopped), the counter pulls it,
 * and the editor shows what Square owns read-only with "Edit in Square"; web shop visibility still saves, and
 * stock cannot be received for it here.
 */

const EDIT_URL = 'https://app.squareup.com/dashboard/items/library/SQ-ITEM-1';

let stack: Stack;
let browser: Browser;
let page: Page;
let productId: string;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  const p = await stack.shop.owner.products.create.mutate({
    name: 'Square Sourdough',
    variants: [
      { name: 'Large', sku: 'SQ-LOAF-L', priceCents: 650, taxClass: 'standard' },
      { name: 'Small', sku: 'SQ-LOAF-S', priceCents: 380, taxClass: 'standard' },
    ],
  });
  productId = p.id;
  await stack.server.stop();
  await stack.server.sql(`UPDATE products SET pos_provider = 'square', pos_edit_url = '${EDIT_URL}' WHERE id = '${productId}'`);
  await stack.server.restart();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-pos-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();
const row = (name: string) => page.getByTestId(`product-row-${name}`);

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a product bridged from Square', () => {
  it('shows “From Square” in the catalog list', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code', { exact: true }).fill(await stack.shop.pairingCode());
    await button('Pair counter').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('section-catalog').click();
    await row('Square Sourdough').getByText('From Square').waitFor();
    expect(await row('Harbour Raspberry Jam').getByTestId('pos-badge').count()).toBe(0);
    await shot(page, 'pos-01-list');
  });

  it('opens read-only where Square owns the fields, with “Edit in Square” opening the item in the browser', async () => {
    await row('Square Sourdough').click();
    const editor = page.getByTestId('product-editor');
    await page.getByTestId('pos-notice').waitFor();
    expect(await editor.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    await editor.getByText('Edited in Square', { exact: true }).waitFor();
    for (const field of ['Variant name', 'SKU', 'Barcode', 'Price']) {
      for (const input of await editor.getByLabel(field, { exact: true }).all()) expect(await input.isDisabled()).toBe(true);
    }
    expect(await editor.getByRole('button', { name: 'Add variant' }).count()).toBe(0);
    expect(await editor.getByRole('button', { name: 'Archive product' }).count()).toBe(0);
    expect(await editor.getByLabel('Archive variant').count()).toBe(0);
    // visibility and category stay ours
    expect(await editor.getByRole('switch').isDisabled()).toBe(false);
    await shot(page, 'pos-02-editor');

    // no request leaves the machine: the page's window.open is recorded instead of opening Square
    await page.evaluate(() => {
      const w = window as unknown as { opened: unknown[][] };
      w.opened = [];
      window.open = (...args: unknown[]) => {
        w.opened.push(args);
        return null;
      };
    });
    await button('Edit in Square').click();
    expect(await page.evaluate(() => (window as unknown as { opened: unknown[][] }).opened)).toEqual([[EDIT_URL, '_blank', 'noopener']]);
  });

  it('saves what Makeries owns: hiding it from the web shop reaches the marketplace', async () => {
    const editor = page.getByTestId('product-editor');
    await editor.getByText('Shown in the web shop').click();
    await editor.getByText('Hidden from the web shop (sold at the counter only)').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByTestId('product-editor').waitFor({ state: 'detached' });
    await eventually('the marketplace hides it', async () => {
      const p = await stack.shop.owner.products.byId.query({ productId });
      return !p.onlineVisible && p;
    });
    const p = await stack.shop.owner.products.byId.query({ productId });
    expect(p.variants.map((v) => [v.sku, v.priceCents])).toEqual([
      ['SQ-LOAF-L', 650],
      ['SQ-LOAF-S', 380],
    ]);
  });

  it('cannot be received into stock here: the reason is shown', async () => {
    await page.getByTestId('section-stock').click();
    await page.getByRole('tab', { name: 'Receive', exact: true }).click();
    await page.getByLabel('Find a product').fill('Square Sourdough');
    await page.getByTestId('picker-results').getByText('Counted in Square').first().waitFor();
    await shot(page, 'pos-03-stock-picker');
    await page.getByLabel('Find a product').press('Enter');
    await waitForText(page.locator('.mantine-TextInput-error'), /comes from Square: its stock is counted in Square/);
    expect(await page.getByTestId('stock-row').count()).toBe(0);
    await shot(page, 'pos-04-stock-refused');
  });
});
