import { formatMoney } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { counterOrders, makeCounter, readyToSell, sell, syncUntil, type TestCounter } from '../src/core/sync/test-kit';
import { launch, shot, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * A customer brings register A's receipt to register B (this browser). Online, B finds it on the marketplace by
 * its number and refunds it with a manager's PIN; offline, B says which register can refund it.
 */

let stack: Stack;
let browser: Browser;
let page: Page;
let registerA: TestCounter;
let receipt = '';
const gbp = (cents: number) => formatMoney(cents, 'GBP');

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch({ width: 1024, height: 768 })]);
  registerA = makeCounter(stack.server.url, { random: () => 0.25 });
  await registerA.sync.pair(await stack.shop.pairingCode());
  await readyToSell(registerA.core, stack.shop);
  const sale = sell(registerA.core, stack.jam, 2);
  receipt = sale.number;
  await syncUntil(registerA.sync, 'register A’s sale reached the marketplace', () => expect(registerA.core.sales.byId({ saleId: sale.id }).syncStatus).toBe('applied'));
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-other-register-${task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  await registerA?.cleanup();
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

async function findReceipt(number: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Find a receipt' });
  await box.click();
  await box.fill(number);
  await page.keyboard.press('Enter');
}

describe('a receipt of another register', () => {
  it('register B is paired, signed in and open', async () => {
    await page.goto(stack.counter.url);
    await page.getByRole('heading', { name: 'Pair with your shop' }).waitFor();
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await button('Pair counter').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    // the on-screen keypad, as on a touch till
    for (const digit of stack.shop.cashier.pin) await page.getByRole('button', { name: digit, exact: true }).click();
    await button('Unlock').click();
    await page.getByText('Current sale').waitFor();
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
  });

  it('online: found on the marketplace by its number and refunded here with a manager’s PIN', async () => {
    await page.keyboard.press('F2');
    await findReceipt(receipt.toLowerCase());
    await waitForText(page.getByTestId('refund-other-register'), new RegExp(`Sold at register ${receipt.split('-')[0]}`));
    await shot(page, 'other-register-01-refund-dialog-1024');
    await button(`Refund ${gbp(798)}`).click();
    await page.getByText('Manager approval').waitFor();
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('refund-paid-out'), /£7\.98/);
    await shot(page, 'other-register-02-refund-done-1024');
    await button('Done').click();
    const order = (await counterOrders(stack.shop)).find((o) => o.number === receipt);
    expect(order?.paymentStatus).toBe('refunded');
  });

  it('offline: says why it cannot, and where the customer can be refunded', async () => {
    const other = sell(registerA.core, stack.jam, 1);
    await syncUntil(registerA.sync, 'the second sale reached the marketplace', () => expect(registerA.core.sales.byId({ saleId: other.id }).syncStatus).toBe('applied'));
    await stack.server.stop();
    await waitForText(page.getByTestId('sync-connection'), /Offline/, 40_000);
    await findReceipt(other.number);
    const code = other.number.split('-')[0] ?? '';
    await waitForText(
      page.getByRole('alert'),
      new RegExp(`This sale was made on register ${code}\\. Connect to the internet to refund it here, or refund it at register ${code}\\.`),
    );
    await shot(page, 'other-register-03-offline-1024');
  });
});
