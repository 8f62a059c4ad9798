import { uuidv7 } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, serverClient } from '../src/core/sync/test-kit';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * Order messages between a customer and the shop (issue 18), both sides in a real browser against the real
 * marketplace: the customer writes on the tracking page (a phone, 390 px), the counter rings and shows the badge
 * and the message, the shop answers (once online, once offline — delivered on reconnect), and the tracking page
 * shows each answer live, without a reload.
 */

let stack: Stack;
let browser: Browser;
let counter: Page;
let phone: Page;
let orderId = '';
let trackingUrl = '';

beforeAll(async () => {
  [stack, { browser, page: counter }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  phone.setDefaultTimeout(20_000);
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const name = task.name.slice(0, 40).replace(/\W+/g, '-');
  if (counter) await shot(counter, `FAILED-messages-counter-${name}`).catch(() => {});
  if (phone) await shot(phone, `FAILED-messages-phone-${name}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const syncNow = () => counter.getByRole('button', { name: 'Sync now' }).click();

describe('order messages: tracking page ⇄ counter', () => {
  it('a guest orders; the counter is paired, signed in and has the order', async () => {
    const placed = await serverClient(stack.server.url).orders.checkout.mutate({
      idempotencyKey: uuidv7(),
      contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '07700 900456' },
      items: [{ variantId: stack.shop.bun.id, quantity: 2 }],
      fulfilment: [{ vendorId: stack.shop.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    const order = placed.orders[0];
    if (!order) throw new Error('no order placed');
    orderId = order.id;
    trackingUrl = `${stack.server.url}/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`;

    await counter.goto(stack.counter.url);
    await counter.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await counter.getByRole('button', { name: 'Pair counter' }).click();
    await counter.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typeByHand(counter, stack.shop.cashier.pin);
    await counter.keyboard.press('Enter');
    await counter.getByText('Current sale').waitFor();
    await syncNow();
    await waitForText(counter.getByTestId('online-orders-badge'), /1/);
  });

  it('the customer writes from the tracking page on a phone', async () => {
    await phone.goto(trackingUrl);
    await phone.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await phone.getByTestId('order-messages').waitFor();
    await phone.getByLabel(/Message to Harbour Bakery/).fill('Could you slice the buns, please? <b>thanks</b>');
    await phone.getByRole('button', { name: 'Send' }).click();
    await waitForText(phone.getByTestId('message-customer'), /slice the buns/);
    // typed markup stays text
    expect(await phone.getByTestId('message-customer').first().innerText()).toContain('<b>thanks</b>');
    expect(await phone.locator('[data-testid="order-messages"] b').count()).toBe(0);
  });

  it('the counter rings for it: badge on the nav and the order, the message in the detail', async () => {
    await syncNow();
    await counter.getByText(/New message on order/).waitFor();
    await waitForText(counter.getByTestId('online-messages-badge'), /1/);
    await shot(counter, 'messages-00-counter-badge');
    await counter.keyboard.press('F3');
    await counter.getByTestId('message-thread').waitFor();
    await waitForText(counter.getByTestId('message-customer'), /slice the buns/);
    await shot(counter, 'messages-01-counter-thread');
    // reading it clears the badge
    await counter.getByTestId('online-messages-badge').waitFor({ state: 'detached' });
  });

  it('the shop answers with a quick reply; the tracking page shows it live', async () => {
    await counter.getByTestId('quick-reply').filter({ hasText: 'Running 10 minutes late' }).click();
    await syncNow();
    await waitForText(phone.getByTestId('message-shop'), /Running 10 minutes late/, 30_000);
  });

  it('offline, the shop still answers; the reply waits, then arrives once when the marketplace is back', async () => {
    await stack.server.stop();
    await syncNow();
    await waitForText(counter.getByTestId('sync-connection'), /Offline/);
    await counter.getByLabel('Reply to the customer').fill('Sliced and wrapped — see you soon!');
    await counter.getByRole('button', { name: 'Send' }).click();
    await waitForText(counter.getByTestId('message-shop'), /waiting to send/);
    await shot(counter, 'messages-02-counter-offline-reply');

    await stack.server.restart();
    await syncNow();
    await waitForText(counter.getByTestId('sync-pending'), /All sent/, 60_000);
    // the tracking page's live channel reconnects by itself and brings the reply
    await waitForText(phone.getByTestId('message-shop'), /Sliced and wrapped/, 30_000);
    await counter.getByText('waiting to send').waitFor({ state: 'detached' });
    await phone.getByLabel(/Message to Harbour Bakery/).scrollIntoViewIfNeeded();
    await shot(phone, 'messages-03-tracking-page-390');
    await shot(counter, 'messages-04-counter-after-sync');

    const thread = await eventually('the server has each message once', async () => {
      const page = await stack.shop.owner.messages.listForShop.query({ orderId });
      expect(page.messages.map((m) => [m.author, m.text])).toEqual([
        ['customer', 'Could you slice the buns, please? <b>thanks</b>'],
        ['shop', 'Running 10 minutes late'],
        ['shop', 'Sliced and wrapped — see you soon!'],
      ]);
      return page;
    });
    expect(thread.messages).toHaveLength(3);
    expect(await phone.getByTestId('message-shop').count()).toBe(2);
  });

  it('the shop reports the customer’s message to the marketplace’s operator', async () => {
    await counter.getByTestId('message-customer').getByRole('button', { name: 'Report' }).click();
    await counter.getByRole('button', { name: 'Spam' }).click();
    await waitForText(counter.getByRole('status'), /Reported/);
    await counter.getByRole('button', { name: 'Close' }).click();
  });
});
