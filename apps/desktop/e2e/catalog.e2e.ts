import { gtinCheckDigit } from '@makeries/shared';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, scan, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Back office → Catalog in browser mode against the real marketplace: a manager adds a category and a product
 * (barcode by scan), hides one from the web shop in the list, imports a CSV with a preview, exports the
 * catalog, and edits a price while the marketplace is down — it reaches the server when it is back.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-catalog-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const row = (name: string) => page.getByTestId(`product-row-${name}`);
const ean = (body: string) => `${body}${gtinCheckDigit(body)}`;

async function serverProduct(name: string) {
  const all = await stack.shop.owner.products.list.query({ status: 'all', limit: 100 });
  return all.items.find((p) => p.name === name);
}

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the catalog', () => {
  it('opens Back office → Catalog as a manager', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code', { exact: true }).fill(await stack.shop.pairingCode());
    await button('Pair counter').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor(); // the PIN alone says who
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('section-catalog').click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await row('Harbour Raspberry Jam').waitFor();
    await shot(page, 'catalog-01-products');
  });

  it('adds a category, then a product whose barcode is scanned into the editor', async () => {
    await tab('Categories').click();
    await button('New category').click();
    await page.getByLabel('Category name', { exact: true }).fill('Marmalades');
    await button('Save').click();
    await page.getByTestId('category-table').getByText('Marmalades', { exact: true }).waitFor();
    await shot(page, 'catalog-02-categories');

    await tab('Products').click();
    await button('New product').click();
    const editor = page.getByTestId('product-editor');
    await editor.getByLabel('Name', { exact: true }).fill('Seville Orange Marmalade');
    await editor.getByLabel('Category', { exact: true }).click();
    await page.getByRole('option', { name: 'Marmalades' }).click();
    await editor.getByLabel('SKU', { exact: true }).fill('MARM-1');
    await editor.getByLabel('Price', { exact: true }).fill('4.25');
    // no text field focused: the scan goes to the highlighted variant row
    await editor.getByText('Variants', { exact: true }).click();
    const code = ean('500000000777');
    await scan(page, code);
    await expect.poll(() => editor.getByLabel('Barcode', { exact: true }).inputValue()).toBe(code);
    await shot(page, 'catalog-03-editor');
    await page.keyboard.press('Control+s');
    await row('Seville Orange Marmalade').waitFor();
    const onServer = await eventually('the product reaches the marketplace', () => serverProduct('Seville Orange Marmalade'));
    expect(onServer).toMatchObject({ onlineVisible: false });
    await waitForText(row('Seville Orange Marmalade'), /Marmalades/);
    await expect.poll(() => row('Seville Orange Marmalade').getByText('Not synced yet').count()).toBe(0);
  });

  it('shows a product in the web shop with the switch in the list', async () => {
    await row('Seville Orange Marmalade').getByText('Hidden', { exact: true }).click();
    await row('Seville Orange Marmalade').getByText('Shown', { exact: true }).waitFor();
    await eventually('the marketplace shows it online', async () => (await serverProduct('Seville Orange Marmalade'))?.onlineVisible === true);
  });

  it('refuses a duplicate barcode with a clear message and saves nothing', async () => {
    await row('Harbour Raspberry Jam').click();
    const editor = page.getByTestId('product-editor');
    await editor.getByLabel('Barcode', { exact: true }).fill(ean('500000000777'));
    await button('Save').click();
    await waitForText(page.getByTestId('editor-error'), /already belongs to "Seville Orange Marmalade"/);
    await shot(page, 'catalog-04-editor-error');
    await button('Cancel').click();
  });

  it('checks the name, SKU and price in the editor before anything is sent, then saves once they are right', async () => {
    await button('New product').click();
    const editor = page.getByTestId('product-editor');
    await editor.getByLabel('Price', { exact: true }).fill('three');
    await page.keyboard.press('Control+s');
    await editor.getByText('Required', { exact: true }).waitFor();
    await editor.getByText('Every variant needs a SKU').waitFor();
    await editor.getByText('"three" is not an amount. Type it like 12.50.').waitFor();
    await shot(page, 'catalog-04b-editor-invalid');
    await editor.getByLabel('Name', { exact: true }).fill('Blood Orange Curd');
    await editor.getByLabel('SKU', { exact: true }).fill('CURD-BO');
    await editor.getByLabel('Price', { exact: true }).fill('3.75');
    await page.keyboard.press('Control+s');
    await waitForText(row('Blood Orange Curd'), /£3\.75/);
  });

  it('imports a CSV after a preview with per-row problems, then all rows at once', async () => {
    await button('Import CSV').click();
    const bad = ['product,sku,price,category', 'Harbour Raspberry Jam,JAM-1,4.10,', 'Lemon Curd,CURD-1,three,Nowhere'].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await waitForText(page.getByTestId('import-summary'), /1 with problems/);
    await page.getByText('There is no category called "Nowhere"').waitFor();
    await shot(page, 'catalog-05-import-preview');
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);

    const good = ['product,sku,price,category', 'Harbour Raspberry Jam,JAM-1,4.10,', 'Lemon Curd,CURD-1,3.00,Marmalades'].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'catalog-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await waitForText(page.getByTestId('import-summary'), /1 new/);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    await page.keyboard.press('Escape');
    await waitForText(row('Harbour Raspberry Jam'), /£4\.10/);
    await eventually('the import reaches the marketplace', () => serverProduct('Lemon Curd'));
  });

  it('exports the catalog as a CSV file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), button('Export CSV').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^catalog-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text).toContain('Lemon Curd,Default,CURD-1,,3.00,Marmalades,standard,no,');
  });

  it('edits a price offline; it reaches the marketplace when it is back', async () => {
    await stack.server.stop();
    await row('Lemon Curd').click();
    const editor = page.getByTestId('product-editor');
    await editor.getByText(/^Description, dietary tags and photos need the connection/).waitFor();
    await editor.getByLabel('Price', { exact: true }).fill('3.25');
    await page.keyboard.press('Control+s');
    await waitForText(row('Lemon Curd'), /£3\.25/);
    await row('Lemon Curd').getByText('Not synced yet').waitFor();
    await shot(page, 'catalog-06-offline');
    await stack.server.restart();
    await eventually('the offline edit reaches the marketplace', async () => {
      const p = await serverProduct('Lemon Curd').catch(() => undefined);
      return p?.minPriceCents === 325;
    });
  });
});
