import { addDays, formatCalendarDate, localDateIn, uuidv7 } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverClient } from '../src/core/sync/test-kit';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { CounterRouter } from '../src/core/router/index';
import { TRPC_PATH } from '../src/core/server/http';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';

/*
 * Back office → Reports as a manager reads them: this register's takings with gross / discounts / net before
 * tax / tax / total, and "All channels" with the shop's web orders beside the counter — a completed web order
 * counts, an open one is shown apart. Photographed at 1024×768, 1280×800 and 1366×768.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch({ width: 1024, height: 768 })]);
  page.setDefaultTimeout(45_000);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-reports-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

/** the headless counter's own API: the shop is set up through it, the screens are what is under test */
const counterApi = (url: string) => createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${url}${TRPC_PATH}` })] });
/** a SegmentedControl option: its radio input is visually hidden, the label takes the click */
const option = (name: string) => page.locator('label').filter({ hasText: new RegExp(`^${name}$`) }).first();

/** A pickup order for `quantity` buns (1.20 each), paid at pickup, placed on the storefront. */
async function placeBuns(quantity: number): Promise<string> {
  const placed = await serverClient(stack.server.url).orders.checkout.mutate({
    idempotencyKey: uuidv7(),
    contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: '07700 900123' },
    items: [{ variantId: stack.shop.bun.id, quantity }],
    fulfilment: [{ vendorId: stack.shop.vendorId, type: 'pickup' }],
    paymentMethod: 'pay_at_pickup',
  });
  const id = placed.orders[0]?.id;
  if (!id) throw new Error('the checkout made no order');
  return id;
}

describe('reports: this register and all channels', { timeout: 240_000 }, () => {
  it('sells a jar of jam at the counter (through its API); the shop has one collected and one waiting web order', async () => {
    const api = counterApi(stack.counter.url);
    await api.device.pair.mutate({ code: await stack.shop.pairingCode() });
    await api.staff.login.mutate({ staffId: stack.manager.id, pin: stack.manager.pin });
    await api.shifts.open.mutate({ floatCents: 5_000 });
    await api.cart.addByScan.mutate({ code: stack.jam.barcode });
    await api.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 500 }] });

    const collected = await placeBuns(3); // 3 × 1.20 = 3.60
    for (const to of ['accepted', 'ready', 'completed'] as const) await stack.shop.owner.orders.transition.mutate({ orderId: collected, to });
    await placeBuns(2); // 2.40, still waiting to be accepted
    await api.sync.syncNow.mutate();
  });

  it('shows this register’s takings as gross, discounts, net before tax, tax and total paid', async () => {
    await page.goto(stack.counter.url);
    await page.getByTestId('signed-in-staff').filter({ hasText: stack.manager.name }).waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('section-reports').click();
    await waitForText(page.getByTestId('kpi-revenue'), /£3\.99/);
    // jam 3.99 at 20%, prices include tax: tax inside 399 · 2000/12000 = 66.5 → 67; net 3.99 − 0.67 = 3.32
    await waitForText(page.getByTestId('figures-register-gross'), /£3\.99/);
    await waitForText(page.getByTestId('figures-register-net'), /£3\.32/);
    await waitForText(page.getByTestId('figures-register-tax'), /£0\.67/);
    await waitForText(page.getByTestId('figures-register-total'), /£3\.99/);
    await page.getByText('Gross (incl. tax)').first().waitFor();
    await shot(page, 'reports-01-register-1024');
  });

  it('adds the collected web order in "All channels", and shows the waiting one apart', async () => {
    await option('All channels').click();
    await page.getByTestId('report-scope').filter({ hasText: /web orders/ }).waitFor();
    // buns are standard rated too: 360 · 2000/12000 = 60 tax inside; net 3.00
    await waitForText(page.getByTestId('channel-web-total'), /£3\.60/, 60_000);
    await waitForText(page.getByTestId('channel-counter-total'), /£3\.99/);
    await waitForText(page.getByTestId('channel-all-total'), /£7\.59/);
    // all: net 3.32 + 3.00 = 6.32, tax 0.67 + 0.60 = 1.27, total 7.59
    await waitForText(page.getByTestId('figures-all-net'), /£6\.32/);
    await waitForText(page.getByTestId('figures-all-tax'), /£1\.27/);
    await waitForText(page.getByTestId('web-orders-open'), /1 open web order worth £2\.40/);
    await page.getByTestId('web-orders-rule').filter({ hasText: /count once completed/ }).waitFor();
    await shot(page, 'reports-02-all-channels-1024');
    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('report-channels').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(page, `reports-03-all-channels-${width}`);
    }
  });

  it('Payments shows the shop’s own calendar days for the last seven days', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('section-payments').click();
    // the demo shop is in Europe/London; the label is the shop's week, whatever zone this machine is in
    const today = localDateIn('Europe/London', Date.now());
    const label = (date: string) => formatCalendarDate(date, 'weekdayDayMonth', { locale: 'en-GB' });
    const period = `${label(addDays(today, -6))} – ${label(today)} ${today.slice(0, 4)}`;
    await page.getByTestId('payouts-period').filter({ hasText: period }).waitFor();
    // and the marketplace answered for those dates (no card payments in this shop)
    await page.getByTestId('payouts-empty').waitFor();
    await shot(page, 'reports-04-payments-1024');
  });
});
