import type { BridgeState, BridgeView } from '@makeries/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { stubBridges, type BridgeAnswers } from './bridge-stub';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';
import { expectNothingCutSideways, seriousA11yProblems } from './screen-kit';
import { ownerAtCounter } from './bridge-kit';

/*
 * Back office → Point of sale, every state of the Square link as the owner and a manager see it, photographed at
 * 1024×768 and 1280×800. The marketplace's bridge answers are canned (bridge-stub.ts: there is no Square here);
 * the counter, its sign-in and the rest of the page are real. What the buttons send is checked.
 */

let stack: Stack;
let browser: Browser;
let page: Page;

const MIN = 60_000;
const base: BridgeView = {
  provider: 'square',
  state: 'not_connected',
  reason: null,
  account: 'MLQ8Z2K4T1',
  location: { id: 'L-HIGH', name: 'High Street' },
  progress: null,
  bridged: { products: 412, variants: 530 },
  lastSyncAt: new Date(Date.now() - 2 * MIN).toISOString(),
  pendingPushes: 3,
  failedJobs: 2,
  options: { webOrdersInPos: false },
  canManage: true,
};

/** a shop with no link yet has nothing bridged, waiting or failed */
const unlinked: Partial<BridgeView> = { account: null, bridged: { products: 0, variants: 0 }, pendingPushes: 0, failedJobs: 0, lastSyncAt: null };

const answers: BridgeAnswers = {
  view: base,
  locations: [
    { id: 'L-HIGH', name: 'High Street', currency: 'GBP', usable: true, why: null },
    { id: 'L-MARKET', name: 'Saturday market stall', currency: 'GBP', usable: true, why: null },
    { id: 'L-NYC', name: 'New York pop-up', currency: 'USD', usable: false, why: 'Sells in USD; this shop sells in GBP.' },
  ],
  preview: {
    products: 412,
    variants: 530,
    taxes: 3,
    categories: 14,
    images: 388,
    attention: 7,
    matches: { sku: 12, barcode: 0 },
    summary: '412 products, 530 variants, 3 taxes; 7 items need attention (variable price, tax mode mismatch, duplicate SKU)',
  },
  attention: [
    { extId: 'A1', name: 'Sourdough loaf (by weight)', reason: 'variable_price', detail: 'Priced at the till in Square: imported hidden from the web shop until it has a price.' },
    { extId: 'A2', name: 'Gift card top-up', reason: 'variable_price', detail: 'Priced at the till in Square: imported hidden from the web shop until it has a price.' },
    { extId: 'A3', name: 'Oat flat white', reason: 'tax_mode_mismatch', detail: 'Square adds tax on top; this shop’s prices include tax. Imported at Square’s price; check the tax.' },
    { extId: 'A4', name: 'Cinnamon bun', reason: 'duplicate_sku', detail: 'SKU BUN-1 is on two Square items; the second is imported without a SKU.' },
    { extId: 'A5', name: 'Cinnamon bun (vegan)', reason: 'duplicate_sku', detail: 'SKU BUN-1 is on two Square items; the second is imported without a SKU.' },
    { extId: 'A6', name: 'Birthday cake, 12 inch, with a very long name that goes on to test wrapping', reason: 'price_too_large', detail: 'Not imported.' },
    { extId: 'A7', name: 'Staff meal', reason: 'no_variations', detail: 'Not imported: it has nothing to sell.' },
  ],
  log: Array.from({ length: 30 }, (_, i) => ({
    id: 100 - i,
    at: new Date(Date.now() - (i * 7 + 2) * MIN).toISOString(),
    level: i === 3 ? ('error' as const) : i === 5 ? ('warn' as const) : ('info' as const),
    message: i === 3 ? 'Square refused a stock change for Oat flat white: the item is archived in Square.' : i === 5 ? 'Square asked to slow down; tried again after 2 s.' : `Synced ${i + 1} changes from Square.`,
  })),
  failedJobs: [
    { id: '0193a3b2-7c1e-7d3a-9f00-000000000001', what: 'Stock change for Oat flat white (−1, sale A1-0042)', error: 'Square says the item is archived.', attempts: 8, at: new Date(Date.now() - 40 * MIN).toISOString() },
    { id: '0193a3b2-7c1e-7d3a-9f00-000000000002', what: 'Web order W-1043 to Square', error: 'Square did not answer in time.', attempts: 8, at: new Date(Date.now() - 95 * MIN).toISOString() },
  ],
  calls: [],
};

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch({ width: 1024, height: 768 })]);
  page.setDefaultTimeout(45_000);
  await stubBridges(page, answers);
  await ownerAtCounter(stack);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-bridge-states-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

/** Opens Back office → Point of sale afresh with the link in `state`. */
async function open(state: BridgeState, patch: Partial<BridgeView> = {}): Promise<void> {
  // the last sync two minutes before the page opens, whenever this test runs
  answers.view = { ...base, lastSyncAt: new Date(Date.now() - 2 * MIN).toISOString(), ...patch, state };
  await page.goto(stack.counter.url);
  await page.getByTestId('signed-in-staff').waitFor();
  await page.keyboard.press('F5');
  await page.getByTestId('section-bridge').click();
  await page.locator(`[data-testid="bridge-connection"][data-state="${state}"]`).waitFor();
}

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

describe('Point of sale, every state', { timeout: 240_000 }, () => {
  it('not configured and not connected: says what the link is, the owner connects', async () => {
    await open('not_configured', { ...unlinked, location: null });
    await waitForText(page.getByTestId('bridge-state'), /Not available/);
    expect(await page.getByTestId('bridge-connect').count()).toBe(0);
    await shot(page, 'bridge-01-not-configured-1024');

    await open('not_connected', { ...unlinked, location: null });
    await button('Connect Square').click();
    await page.getByText('Square opened in the web browser').waitFor();
    expect(answers.calls).toContain('connectUrl');
    await shot(page, 'bridge-02-not-connected-1024');
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it('choose a location: another currency cannot be picked; picking one reads its catalog', async () => {
    await open('choose_location', { ...unlinked, location: null });
    await page.getByText('Sells in USD; this shop sells in GBP.').waitFor();
    await page.getByTestId('location-L-MARKET').click();
    await shot(page, 'bridge-03-choose-location-1024');
    expect(await seriousA11yProblems(page)).toEqual([]);
    answers.calls.length = 0;
    answers.view = { ...base, state: 'importing', progress: { phase: 'fetching', done: 1200, total: 5000 } };
    await button('Use this location and read its catalog').click();
    await waitForText(page.getByTestId('bridge-progress'), /1,200 of 5,000 read from Square/);
    expect(answers.calls).toEqual(['chooseLocation']);
    await shot(page, 'bridge-04-importing-1024');
  });

  it('preview: the summary, the items needing attention, the match choice and the import button', async () => {
    await open('preview');
    await waitForText(page.getByTestId('bridge-summary'), /412 products, 530 variants, 3 taxes; 7 items need attention/);
    await page.getByText('Birthday cake, 12 inch').waitFor();
    await waitForText(page.getByTestId('bridge-import'), /^Import 412 products$/);
    await shot(page, 'bridge-05-preview-1024');
    await page.getByTestId('match-sku').click();
    await waitForText(page.getByTestId('bridge-import'), /^Import 412 products, 12 linked$/);
    expect(await page.getByTestId('match-barcode').isDisabled()).toBe(true);
    await page.getByTestId('bridge-apply').scrollIntoViewIfNeeded();
    await shot(page, 'bridge-06-preview-choice-1024');
    await expectNothingCutSideways(page, 'preview');
    expect(await seriousA11yProblems(page)).toEqual([]);
    answers.calls.length = 0;
    await open('applying', { progress: { phase: 'applying', done: 230, total: 530 } });
    await waitForText(page.getByTestId('bridge-progress'), /230 of 530 imported/);
    await shot(page, 'bridge-07-applying-1024');
  });

  it('in step: location, last sync, waiting changes, the web-orders option with the 1 % note, failed work and the log', async () => {
    await open('in_step');
    await waitForText(page.getByTestId('bridge-last-sync'), /2 min ago/);
    await waitForText(page.getByTestId('bridge-pending'), /3 changes/);
    await page.getByText(/Square charges 1 %/).first().waitFor();
    expect(await page.getByTestId('bridge-failed-job').count()).toBe(2);
    await waitForText(page.getByTestId('bridge-log-entry').first(), /Synced 1 changes/);
    await shot(page, 'bridge-08-in-step-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'bridge-09-in-step-1280');
    await expectNothingCutSideways(page, 'in step 1280');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 768 });

    answers.calls.length = 0;
    await page.getByText('Show web orders in Square').click();
    await button('Sync now').click();
    await page.getByRole('button', { name: 'Retry' }).first().click();
    await page.getByTestId('bridge-sync-log').scrollIntoViewIfNeeded();
    await button('Load more').click();
    await expect.poll(() => page.getByTestId('bridge-log-entry').count()).toBe(30);
    await shot(page, 'bridge-10-log-1024');
    expect(answers.calls).toEqual(['setOptions', 'syncNow', 'retryJob']);

    await button('Disconnect').click();
    await page.getByText('Products that came from Square stay in this shop').waitFor();
    // the modal pops in: wait until it stands still before the photo
    await page.getByTestId('bridge-disconnect-confirm').click({ trial: true });
    await shot(page, 'bridge-11-disconnect-confirm-1024');
    await button('Keep the link').click();
    expect(answers.calls).not.toContain('disconnect');
  });

  it('paused, stopped with an error, revoked: the reason in words and the way back', async () => {
    await open('paused', { reason: 'Paused by the owner on 6 Dec at 14:05.' });
    await page.getByTestId('bridge-resume').waitFor();
    await shot(page, 'bridge-12-paused-1024');
    await open('error', { reason: 'Square refused the shop’s access five times in a row (token expired). Resume to try again.' });
    await waitForText(page.getByTestId('bridge-reason'), /five times in a row/);
    await shot(page, 'bridge-13-error-1024');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await open('revoked', { reason: 'Access was withdrawn in Square’s dashboard on 6 Dec.', pendingPushes: 0 });
    await waitForText(page.getByTestId('bridge-connect'), /Connect again/);
    await shot(page, 'bridge-14-revoked-1024');
  });

  it('a manager sees everything, with "Only the shop owner can …" where the owner’s buttons are', async () => {
    await open('preview', { canManage: false });
    await page.getByText('Only the shop owner can import the catalog').waitFor();
    expect(await page.getByTestId('bridge-import').count()).toBe(0);
    await shot(page, 'bridge-15-preview-manager-1024');
    await open('in_step', { canManage: false });
    await page.getByText('Only the shop owner can pause or disconnect the link').waitFor();
    await page.getByTestId('bridge-sync-now').waitFor();
    expect(await page.getByTestId('bridge-disconnect').count()).toBe(0);
    await shot(page, 'bridge-16-in-step-manager-1024');
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it('offline: needs the connection', async () => {
    answers.statusError = { message: 'This counter is offline.', appCode: 'CONFLICT', details: { offline: true } };
    try {
      await page.goto(stack.counter.url);
      await page.getByTestId('signed-in-staff').waitFor();
      await page.keyboard.press('F5');
      await page.getByTestId('section-bridge').click();
      await page.getByTestId('bridge-offline').waitFor();
      await shot(page, 'bridge-17-offline-1024');
    } finally {
      delete answers.statusError;
    }
  });
});
