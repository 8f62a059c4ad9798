import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';

/*
 * The status bar tells the truth about the marketplace in one sentence from one status snapshot: when the
 * marketplace goes away it says Offline, since when, and that sales are safe; when it is back, Online and All sent.
 * (A marketplace that hangs instead of stopping is covered in src/core/sync/offline.test.ts.)
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch({ width: 1024, height: 768 })]);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-offline-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

describe('the status bar', () => {
  it('says Offline since when, with sales safe, as soon as the marketplace stops; Online again when it is back', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await page.getByRole('button', { name: 'Pair counter' }).click();
    await waitForText(page.getByTestId('sync-connection'), /Online/, 30_000);
    await waitForText(page.getByTestId('sync-pending'), /^All sent$/);

    await stack.server.stop();
    await waitForText(page.getByTestId('sync-connection'), /^Offline$/, 15_000);
    await waitForText(page.getByTestId('sync-pending'), /^Offline since \d\d:\d\d — sales are safe, all sent$/);
    await shot(page, 'offline-01-status-bar-1024');

    await stack.server.restart();
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await waitForText(page.getByTestId('sync-pending'), /^All sent$/);
  });
});
