import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCardShop, DECLINED_CARD, startCardWorld, tap, type CardShop, type CardWorld } from '../src/core/payments/test-kit';
import { startHeadlessCounter, type HeadlessCounter } from '../src/core/server/headless';
import { launch, shot, waitForText } from './harness';

/*
 * The card (reader) tender in the browser UI: a fake Stripe API, the real marketplace server pointed at it, a
 * headless counter serving the built UI. The customer's taps on the reader are Stripe's own test-helper calls.
 */

let world: CardWorld;
let shop: CardShop;
let counter: HeadlessCounter;
let dir: string;
let browser: Browser;
let page: Page;
let readerId: string;

beforeAll(async () => {
  world = await startCardWorld();
  shop = await createCardShop(world, 'Reader Bakery').catch((e: unknown) => {
    throw new Error(`${String(e)}\n${world.server.output()}`);
  });
  dir = mkdtempSync(join(tmpdir(), 'counter-card-e2e-'));
  counter = await startHeadlessCounter({ serverUrl: world.server.url, dataDir: dir, port: 0 }, () => {}, { uiDir: inject('uiDir') });
  await counter.sync.pair(await shop.pairingCode());
  await counter.core.staff.login({ staffId: shop.manager.id, pin: shop.manager.pin });
  counter.core.shifts.open({ floatCents: 10_000 });
  ({ browser, page } = await launch());
});
afterAll(async () => {
  await browser?.close();
  await counter?.shutdown();
  await world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

async function payFor(quantity: number): Promise<void> {
  counter.core.cart.addVariant({ variantId: shop.loaf.id, quantity });
  await page.goto(counter.url);
  await page.getByTestId('pay-button').filter({ hasText: /£/ }).waitFor();
  await page.getByTestId('pay-button').click();
  await page.getByText('Take payment').waitFor();
}

describe('card (reader) tender', () => {
  it('registers a reader in Settings → Card readers', async () => {
    await page.goto(counter.url);
    await button(/Back office/).click();
    await page.getByRole('navigation', { name: 'Back office sections' }).getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('tab', { name: 'Card readers' }).click();
    const panel = page.getByTestId('card-readers-panel');
    await panel.getByText('No card reader is registered').waitFor();
    await panel.getByLabel('Code shown on the reader').fill('simulated-wpe');
    await panel.getByLabel('Name').fill('Front till');
    await button('Add reader').click();
    await panel.getByTestId('card-reader').filter({ hasText: 'Front till' }).waitFor();
    await shot(page, 'card-01-readers-panel');
    readerId = (await counter.core.payments.readers())[0]?.id ?? '';
    expect(readerId).toMatch(/^tmr_/);
  });

  it('waits for the card, shows a decline in words, then takes the card on the second try', async () => {
    await payFor(2);
    await button('Card (reader)').waitFor();
    await shot(page, 'card-02-tender-available');
    await button('Card (reader)').click();
    await page.getByText('Present card on the reader…').waitFor();
    await shot(page, 'card-03-waiting');
    await tap(world, readerId, DECLINED_CARD);
    await waitForText(page.getByTestId('card-tender-message'), /declined/i);
    await shot(page, 'card-04-declined');
    await button('Try the card again').click();
    await page.getByText('Present card on the reader…').waitFor();
    await tap(world, readerId);
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
    await shot(page, 'card-05-paid');
  });

  it('cancel puts the sale back to choosing how to pay', async () => {
    await payFor(1);
    await button('Card (reader)').click();
    await page.getByText('Present card on the reader…').waitFor();
    await button('Cancel card payment').click();
    await page.getByText('Card payment cancelled').waitFor();
    await shot(page, 'card-06-cancelled');
    await button('Pay another way').click();
    await page.getByTestId('tender-cash').click();
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
  });

  it('split: £3 on the reader, then the rest in cash', async () => {
    await payFor(2);
    await page.keyboard.type('300', { delay: 90 });
    await button('Card (reader)').click();
    await page.getByText('Present card on the reader…').waitFor();
    await tap(world, readerId);
    await page.getByText('Card approved').waitFor();
    await button('Continue').click();
    await page.getByText('Paid so far').waitFor();
    await waitForText(page.getByTestId('tender-due'), /£6\.00/);
    await shot(page, 'card-07-split');
    await page.getByTestId('tender-cash').click();
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
  });

  it('Stripe not answering: says so, then finds the same payment by itself once Stripe answers; it can be cancelled', async () => {
    await payFor(1);
    // once the dialog has looked the reader up: the next two calls to Stripe (creating the payment) time out
    await page.locator('button:not([disabled])', { hasText: 'Card (reader)' }).waitFor();
    world.fake.faults.timeoutNext(2);
    await button('Card (reader)').click();
    await page.getByText('No answer from the card service').waitFor();
    await shot(page, 'card-09-no-answer');
    // the dialog keeps asking (same request, no second charge); "Check again" only asks sooner
    await page.getByText('Present card on the reader…').waitFor();
    await button('Cancel card payment').click();
    await page.getByText('Card payment cancelled').waitFor();
    await button('Pay another way').click();
    await page.getByTestId('tender-cash').click();
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
  });

  it('offline: the card button says why and cash still works', async () => {
    await world.server.stop();
    await counter.sync.syncNow();
    await payFor(1);
    await waitForText(page.getByTestId('card-reader-reason'), /offline/i);
    expect(await button('Card (reader)').isDisabled()).toBe(true);
    await shot(page, 'card-08-offline');
    await page.getByTestId('tender-cash').click();
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
  });
});
