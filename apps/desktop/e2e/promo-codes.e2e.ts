import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, startStack, typeByHand, type Stack } from './harness';

/*
 * Back office → Promo codes in browser mode against the real marketplace: the manager creates a shop code, sees it
 * in the list and deactivates it; the storefront's marketplace has it. Photographed at 1280×800.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  page.setDefaultTimeout(45_000);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-promo-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('promo codes in the counter’s back office', { timeout: 240_000 }, () => {
  it('the manager creates a code, sees it and deactivates it', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await page.getByRole('button', { name: 'Pair counter' }).click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('section-promos').click();
    await page.getByRole('heading', { name: 'Promo codes' }).waitFor();
    const form = page.getByTestId('promo-form');
    await form.getByLabel('Code').fill('spring10');
    await form.getByLabel('Description').fill('Spring: 10% off');
    await form.getByLabel('Minimum basket').fill('5');
    await form.getByLabel('Per customer').fill('1');
    await form.getByRole('button', { name: 'Create code' }).click();
    const row = page.getByTestId('promo-row').filter({ hasText: 'SPRING10' });
    await row.getByText('10% off · over £5.00 · 1 per customer').waitFor();
    await shot(page, 'bo-promo-codes');
    const listed = await stack.shop.owner.promos.list.query({});
    expect(listed.items.map((p) => [p.code, p.active])).toEqual([['SPRING10', true]]);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Inactive').waitFor();
  });
});
