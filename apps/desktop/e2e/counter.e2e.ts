import { formatMoney, uuidv7 } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { counterOrders, eventually, serverClient } from '../src/core/sync/test-kit';
import { launch, scan, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * A day at the till in browser mode, against the real marketplace: pair, sign in, sell by scan and by search,
 * split a payment, refund with a manager's PIN, lose the network and keep selling (and fulfil a web order),
 * get it back and watch everything arrive, then close the shift with a short drawer.
 */

let stack: Stack;
let browser: Browser;
let page: Page;
const sold: string[] = [];
const gbp = (cents: number) => formatMoney(cents, 'GBP');

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
});
afterEach(async ({ task }) => {
  // what the screen showed when a step failed, next to the other screenshots
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

async function completedSaleNumber(): Promise<string> {
  const heading = await waitForText(page.getByRole('heading'), /Paid · receipt/);
  const number = /receipt (\S+)/.exec(heading)?.[1];
  if (!number) throw new Error(`no receipt number in "${heading}"`);
  sold.push(number);
  return number;
}

async function nextCustomer(): Promise<void> {
  await button(/Next customer/).click();
  await page.getByText('Current sale').waitFor();
}

describe('the counter UI in browser mode', () => {
  it('pairs with a code from the back office, then asks who is serving', async () => {
    await page.goto(stack.counter.url);
    await page.getByRole('heading', { name: 'Pair with your shop' }).waitFor();
    await page.getByLabel('Pairing code').fill('ZZZZ-ZZZZ');
    await button('Pair counter').click();
    await page.getByRole('alert').filter({ hasText: /\w{10,}/ }).waitFor();
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await shot(page, '01-pairing');
    await button('Pair counter').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
  });

  it('refuses a wrong PIN in words, then signs the cashier in', async () => {
    await typeByHand(page, '9999');
    await page.keyboard.press('Enter');
    await waitForText(page.getByRole('alert'), /Wrong PIN\. \d+ tries? left/);
    await shot(page, '02-lock-pin');
    await typeByHand(page, stack.shop.cashier.pin);
    await page.keyboard.press('Enter');
    await page.getByText('Current sale').waitFor();
    await waitForText(page.getByTestId('signed-in-staff'), new RegExp(stack.shop.cashier.name));
  });

  it('opens the till with a float', async () => {
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await page.keyboard.press('Enter'); // the suggested £100.00 float
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
  });

  it('sells by scanning (a HID scanner burst) for cash, and shows the change in big type', async () => {
    await scan(page, stack.jam.barcode);
    await waitForText(page.getByTestId('scan-notice'), /Added Harbour Raspberry Jam/);
    await scan(page, stack.jam.barcode);
    await waitForText(page.getByTestId('cart-line'), /2 × £3\.99/);
    expect(await page.getByRole('textbox', { name: 'Search products' }).inputValue()).toBe('');
    await page.getByRole('textbox', { name: 'Search products' }).click();
    await typeByHand(page, 'harbour');
    await page.getByTestId('product-grid').getByRole('button', { name: /Add Harbour Bakery Bun/ }).waitFor();
    await shot(page, '03-register-cart');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F12');
    await page.getByText('Take payment').waitFor();
    await typeByHand(page, '2000');
    await waitForText(page.getByTestId('tender-change'), /£12\.02/);
    await shot(page, '04-tender');
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('change-due'), /£12\.02/);
    await completedSaleNumber();
    await shot(page, '05-sale-complete');
    await nextCustomer();
  });

  it('sells by search: type, Enter adds the top hit, exact cash', async () => {
    const search = page.getByRole('textbox', { name: 'Search products' });
    await search.click();
    await typeByHand(page, 'bun');
    await page.getByTestId('product-grid').getByRole('button', { name: /Add Harbour Bakery Bun/ }).waitFor();
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('cart-line'), /Harbour Bakery Bun/);
    await page.keyboard.press('F12');
    await button(/Cash £1\.20 exact/).click();
    await waitForText(page.getByTestId('change-due'), /£0\.00/);
    await completedSaleNumber();
    await nextCustomer();
  });

  it('splits a payment: part cash, the rest on the card machine', async () => {
    await scan(page, stack.jam.barcode);
    await waitForText(page.getByTestId('cart-line'), /1 × £3\.99/);
    await page.keyboard.press('F12');
    await typeByHand(page, '200');
    await page.getByTestId('tender-cash').click();
    await waitForText(page.getByTestId('tender-due'), /£1\.99/);
    await button('Card machine').click();
    await waitForText(page.getByText(/for £3\.99/), /Card £1\.99 \+ Cash £2\.00|Cash £2\.00 \+ Card £1\.99/);
    await completedSaleNumber();
    await nextCustomer();
  });

  it('refunds the first sale with a manager’s PIN', async () => {
    await page.keyboard.press('F2');
    const first = sold[0] ?? '';
    await page.getByTestId('sale-row').filter({ hasText: first }).click();
    await waitForText(page.getByTestId('sale-number'), new RegExp(first));
    await page.getByTestId('receipt-preview').waitFor();
    await shot(page, '06-orders');
    await button('Refund…').click();
    await button(`Refund ${gbp(798)}`).click();
    await page.getByText('Manager approval').waitFor();
    await waitForText(page.getByText(/A manager’s PIN is needed/), /refund a sale/);
    await typeByHand(page, stack.manager.pin);
    await page.keyboard.press('Enter');
    await waitForText(page.getByTestId('refund-paid-out'), /£7\.98/);
    await shot(page, '07-refund-done');
    await button('Done').click();
    await waitForText(page.getByRole('button', { name: /Fully refunded/ }), /Fully refunded/);
  });

  it('rings for a web order placed online', async () => {
    const placed = await serverClient(stack.server.url).orders.checkout.mutate({
      idempotencyKey: uuidv7(),
      contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: '07700 900123' },
      items: [{ variantId: stack.shop.bun.id, quantity: 3 }],
      fulfilment: [{ vendorId: stack.shop.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    expect(placed.orders).toHaveLength(1);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/New online order/).waitFor();
    await waitForText(page.getByTestId('online-orders-badge'), /1/);
    await page.keyboard.press('F3');
    await page.getByRole('button', { name: /^Accept/ }).waitFor();
    await shot(page, '08-online-orders');
  });

  it('keeps working offline: accepts the web order and moves it to ready, sells, counts what waits', async () => {
    await stack.server.stop();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await waitForText(page.getByTestId('sync-connection'), /Offline/);

    await page.getByRole('button', { name: /^Accept/ }).click();
    await waitForText(page.getByTestId('web-order-status'), /Accepted/);
    await button('Mark ready').click();
    await waitForText(page.getByTestId('web-order-status'), /Ready/);

    await page.keyboard.press('F1');
    await scan(page, stack.jam.barcode);
    await waitForText(page.getByTestId('cart-line'), /1 × £3\.99/);
    await page.keyboard.press('F12');
    await page.getByText('Take payment').waitFor();
    await page.keyboard.press('Enter'); // exact cash
    await completedSaleNumber();
    // one sentence from one status snapshot: since when, that selling is safe, and how much waits
    await waitForText(page.getByTestId('sync-pending'), /^Offline since \d\d:\d\d — sales are safe, \d+ waiting to send$/);
    await shot(page, '09-offline-sale');
    await nextCustomer();
  });

  it('sends everything when the marketplace is back: pending goes to zero, sales and the order status arrive', async () => {
    await stack.server.restart();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await waitForText(page.getByTestId('sync-pending'), /All sent/, 60_000);
    await waitForText(page.getByTestId('sync-connection'), /Online/);
    const numbers = await eventually('the sales reach the server', async () => {
      const orders = (await counterOrders(stack.shop)).map((o) => o.number).sort();
      expect(orders).toEqual([...sold].sort());
      return orders;
    });
    expect(numbers).toHaveLength(4);
    const web = await stack.shop.owner.orders.listForVendor.query({ channel: 'web', limit: 10 });
    expect(web.items.map((o) => o.status)).toEqual(['ready']);
  });

  it('closes the shift with the drawer £1.00 short, and shows the Z report', async () => {
    await page.keyboard.press('F4');
    // blind close is the shop default: the X report and the count sheet never show what the drawer should hold
    await page.getByTestId('expected-cash-hidden').waitFor();
    await shot(page, '10-shift-x-report');
    // float £100 + cash sales (7.98 + 1.20 + 2.00 + 3.99) − the cash refund 7.98
    const expected = 10_000 + 798 + 120 + 200 + 399 - 798;
    await button('Close shift…').click();
    await page.getByTestId('blind-close-note').waitFor();
    const counted = expected - 100;
    await page.getByLabel('Number of £1.00 coins').fill(String(Math.floor(counted / 100)));
    await page.getByLabel('Number of £0.01 coins').fill(String(counted % 100));
    await waitForText(page.getByTestId('counted-total'), /£106\.19/);
    expect(await page.getByTestId('live-over-short').count()).toBe(0);
    await shot(page, '11-shift-close');
    await button(/^Close shift$/).click();
    await waitForText(page.getByTestId('over-short'), /−£1\.00/);
    await page.getByText('Short', { exact: true }).waitFor();
    await shot(page, '12-z-report');
  });

  it('locks, and looks right on a 1920×1080 screen too', async () => {
    await button('Lock').click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await shot(page, '13-lock');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await typeByHand(page, stack.shop.cashier.pin);
    await page.keyboard.press('Enter');
    await page.getByText('Current sale').waitFor();
    await scan(page, stack.jam.barcode);
    await waitForText(page.getByTestId('cart-line'), /1 × £3\.99/);
    await shot(page, '14-register-1920');
  });
});
