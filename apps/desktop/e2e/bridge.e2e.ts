import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownerAtCounter, type CounterApi } from './bridge-kit';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';
import { seriousA11yProblems } from './screen-kit';

/*
 * Back office → Point of sale against the real marketplace (Square configured, no Square account linked yet):
 * the owner opens the section and sees the link not connected with "Connect Square"; a manager sees the same
 * state with who can connect; with the marketplace gone, the section says it needs the connection.
 */

let stack: Stack;
let browser: Browser;
let page: Page;
let api: CounterApi;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([
    startStack(inject('uiDir'), { SQUARE_APPLICATION_ID: 'sandbox-sq0idb-counter-e2e', SQUARE_APPLICATION_SECRET: 'sandbox-sq0csb-counter-e2e' }),
    launch({ width: 1280, height: 800 }),
  ]);
  page.setDefaultTimeout(45_000);
  ({ api } = await ownerAtCounter(stack));
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-bridge-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

async function openSection(): Promise<void> {
  await page.goto(stack.counter.url);
  await page.getByTestId('signed-in-staff').waitFor();
  await page.keyboard.press('F5');
  await page.getByTestId('section-bridge').click();
}

describe('Point of sale on the real marketplace', { timeout: 240_000 }, () => {
  it('the owner sees Square not connected, with Connect Square', async () => {
    await openSection();
    await page.locator('[data-testid="bridge-connection"][data-state="not_connected"]').waitFor();
    await waitForText(page.getByTestId('bridge-state'), /Not connected/);
    await page.getByTestId('bridge-connect').waitFor();
    await shot(page, 'bridge-real-01-owner-not-connected-1280');
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it('a manager sees the same state and who can connect', async () => {
    await api.staff.logout.mutate();
    await api.staff.login.mutate({ staffId: stack.manager.id, pin: stack.manager.pin });
    await openSection();
    await page.locator('[data-testid="bridge-connection"][data-state="not_connected"]').waitFor();
    await page.getByText('Only the shop owner can connect Square').waitFor();
    expect(await page.getByTestId('bridge-connect').count()).toBe(0);
    await shot(page, 'bridge-real-02-manager-not-connected-1280');
  });

  it('offline: the open section says it needs the connection, and shows the link again once back', async () => {
    await openSection();
    await page.getByTestId('bridge-connection').waitFor();
    await stack.server.stop();
    try {
      await waitForText(page.getByTestId('sync-connection'), /^Offline$/, 30_000);
      await page.getByTestId('bridge-offline').waitFor();
      expect(await page.getByTestId('bridge-connection').count()).toBe(0);
      await shot(page, 'bridge-real-03-offline-1280');
    } finally {
      await stack.server.restart();
    }
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await page.locator('[data-testid="bridge-connection"][data-state="not_connected"]').waitFor();
  });
});
