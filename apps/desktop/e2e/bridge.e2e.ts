import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
// the local Square fake the server's own bridge tests use; this process runs it, the server child talks to it
import { startSquareFake, type SquareFake } from '../../server/src/services/bridges/square/fake/index';
import { ownerAtCounter, OWNER_PIN, type CounterApi } from './bridge-kit';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';
import { seriousA11yProblems } from './screen-kit';

/*
 * Back office → Point of sale against the real marketplace and the local Square fake (no canned answers): the
 * points of sale on offer side by side (Square set up; any other the marketplace lists but has no credentials for
 * greyed as not set up), the owner connects Square in the browser, picks the location, reads the preview, links the jam by SKU, imports and
 * sees the link in step with its sync log; a manager sees the same with "Only the shop owner can …"; the owner
 * disconnects after confirming; a connection granted read-only access says so and refuses web orders; offline, the
 * open section says it needs the connection.
 */

const MERCHANT = 'MLHARBOUR01';
/** the server's OAuth callback (apps/server services/bridges/square/connector.ts SQUARE_CALLBACK_PATH) */
const CALLBACK_PATH = '/oauth/pos/square/callback';

let square: SquareFake;
let bounce: Server;
let stack: Stack;
let browser: Browser;
let page: Page;
let api: CounterApi;
let ownerName: string;

/**
 * Square redirects to the app's registered URL, fixed before the marketplace (and its port) exists: a local
 * hop that forwards the browser to the marketplace's callback, as the registered public URL would.
 */
async function startBounce(target: () => string): Promise<string> {
  bounce = createServer((req, res) => {
    res.writeHead(302, { location: `${target()}${CALLBACK_PATH}${(req.url ?? '').replace(/^[^?]*/, '')}` }).end();
  });
  await new Promise<void>((resolve) => bounce.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(bounce.address() as AddressInfo).port}/square/callback`;
}

beforeAll(async () => {
  let serverUrl = '';
  const redirectUrl = await startBounce(() => serverUrl);
  square = await startSquareFake({
    redirectUrl,
    merchants: [{ merchantId: MERCHANT, locations: [{ id: 'L-QUAY', name: 'Quayside shop', currency: 'GBP' }, { id: 'L-LISBON', name: 'Lisbon pop-up', currency: 'EUR' }] }],
  });
  square.seedItems(MERCHANT, 24, { currency: 'GBP', taxes: 1, categories: 3, namePrefix: 'Harbour' });
  // the jam the shop already sells, by its SKU; and a cake priced at the till
  square.upsertItem(MERCHANT, { name: 'Raspberry jam (Square)', variations: [{ name: 'Jar', sku: 'JAM-1', price: 399, currency: 'GBP' }] });
  square.upsertItem(MERCHANT, { name: 'Celebration cake', variations: [{ name: 'Whole', price: null }] });
  [stack, { browser, page }] = await Promise.all([
    startStack(inject('uiDir'), { SQUARE_APPLICATION_ID: square.applicationId, SQUARE_APPLICATION_SECRET: square.clientSecret, SQUARE_API_BASE: square.baseUrl }),
    launch({ width: 1280, height: 800 }),
  ]);
  serverUrl = stack.server.url;
  page.setDefaultTimeout(45_000);
  const signedIn = await ownerAtCounter(stack);
  api = signedIn.api;
  ownerName = signedIn.owner.name;
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-bridge-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
  await square?.close();
  bounce?.close();
});

async function openSection(): Promise<void> {
  await page.goto(stack.counter.url);
  await page.getByTestId('signed-in-staff').waitFor();
  await page.keyboard.press('F5');
  await page.getByTestId('section-bridge').click();
}

/**
 * The offered points of sale as cards: Square with its control (or the owner note), every other one the marketplace
 * lists greyed as not set up here (this server has only Square's credentials).
 */
async function expectProviderCards(control: 'connect' | 'owner-note'): Promise<void> {
  const offered = (await api.bridges.status.query()).providers;
  expect(offered.map((p) => [p.provider, p.configured])).toContainEqual(['square', true]);
  await page.getByTestId('bridge-providers').waitFor();
  for (const p of offered) {
    const card = page.getByTestId(`bridge-provider-${p.provider}`);
    await card.getByRole('heading', { name: p.name }).waitFor();
    if (p.configured) {
      expect(await card.getByTestId('bridge-not-set-up').count()).toBe(0);
      if (control === 'connect') await card.getByRole('button', { name: `Connect ${p.name}` }).waitFor();
      else await card.getByText(`Only the shop owner can connect ${p.name}`).waitFor();
    } else {
      await card.getByText('Not set up on this marketplace.').waitFor();
      expect(await card.getByRole('button').count()).toBe(0);
    }
  }
  expect(await page.locator('[data-testid^="bridge-provider-"]').count()).toBe(offered.length);
}

const inState = (state: string, timeout?: number) => page.locator(`[data-testid="bridge-connection"][data-state="${state}"]`).waitFor(timeout ? { timeout } : {});
const button = (name: string | RegExp) => page.getByRole('button', { name }).first();

async function signIn(staffId: string, pin: string): Promise<void> {
  await api.staff.logout.mutate();
  await api.staff.login.mutate({ staffId, pin });
}

describe('Point of sale with Square (real marketplace, local Square fake)', { timeout: 300_000 }, () => {
  it('a manager sees Square not connected and who can connect it', async () => {
    await signIn(stack.manager.id, stack.manager.pin);
    await openSection();
    await inState('not_connected');
    await page.getByText('Only the shop owner can connect Square').waitFor();
    expect(await page.getByTestId('bridge-connect').count()).toBe(0);
    await expectProviderCards('owner-note');
    await shot(page, 'bridge-real-01-manager-not-connected-1280');
  });

  it('the owner connects Square in the browser, comes back and picks the shop’s location', async () => {
    const owner = (await stack.shop.owner.staff.list.query()).find((m) => m.role === 'owner');
    if (!owner) throw new Error('no owner');
    await signIn(owner.id, OWNER_PIN);
    await openSection();
    await inState('not_connected');
    await page.getByTestId('signed-in-staff').filter({ hasText: ownerName }).waitFor();
    await expectProviderCards('connect');
    await waitForText(page.getByTestId('bridge-pos-name'), /^Your point of sale$/);
    await shot(page, 'bridge-real-02-owner-not-connected-1280');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Square's page opens in the system browser (here a new tab): the fake approves and sends it back to the marketplace
    const [squareTab] = await Promise.all([page.context().waitForEvent('page'), button('Connect Square').click()]);
    await squareTab.getByText(/Square is connected/i).waitFor();
    await squareTab.close();
    await page.getByText('Square opened in the web browser.', { exact: false }).waitFor();
    await shot(page, 'bridge-real-02b-square-opened-1280');
    await button('Check again').click();
    await inState('choose_location');
    await page.getByText('It sells in EUR; this shop sells in GBP.').waitFor();
    await shot(page, 'bridge-real-03-choose-location-1280');
    await page.getByTestId('location-L-QUAY').click();
    await button('Use this location and read its catalog').click();
    // the marketplace reads Square's catalog page by page; the screen follows it to the preview
    await inState('preview', 60_000);
  });

  it('the preview says what comes across; linking by SKU finds the jam; the import brings the link in step', async () => {
    await waitForText(page.getByTestId('bridge-summary'), /^26 products, 50 variants, 1 tax; 25 items need attention/);
    // 20 at a time: the cake priced at the till is on the second page
    await page.getByTestId('bridge-attention').getByText('Harbour 1', { exact: true }).waitFor();
    expect(await page.getByTestId('bridge-attention').getByText('Celebration cake').count()).toBe(0);
    await button('Load more').click();
    await page.getByTestId('bridge-attention').getByText('Celebration cake').waitFor();
    await waitForText(page.getByTestId('match-sku'), /Link by SKU \(1 found\)/);
    await shot(page, 'bridge-real-04-preview-1280');
    await page.getByTestId('match-sku').click();
    await waitForText(page.getByTestId('bridge-import'), /^Import 26 products, 1 linked$/);
    await page.getByTestId('bridge-apply').scrollIntoViewIfNeeded();
    await shot(page, 'bridge-real-05-preview-choice-1280');
    await page.getByTestId('bridge-import').click();
    await inState('in_step', 60_000);
    await waitForText(page.getByTestId('bridge-pos-name'), /^Square$/);
    await waitForText(page.getByTestId('bridge-sentence'), /^Square and this shop are in step: Square’s prices and stock show here, and sales here reach Square\.$/);
    expect(await page.getByTestId('bridge-read-only').count()).toBe(0);
    await waitForText(page.getByTestId('bridge-location'), /Quayside shop/);
    await waitForText(page.getByTestId('bridge-bridged'), /\d+ products/);
    await page.getByTestId('bridge-log-entry').filter({ hasText: /Quayside shop/ }).first().waitFor();
    await shot(page, 'bridge-real-06-in-step-1280');
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it('the owner turns on web orders in Square, syncs now, pauses and resumes; a manager sees it all but the owner’s switches', async () => {
    await page.getByText('Show web orders in Square').click();
    await page.getByText(/Web orders appear in Square as orders paid elsewhere/).waitFor();
    await button('Sync now').click();
    await page.getByTestId('bridge-log-entry').filter({ hasText: /Web orders will show in Square/ }).first().waitFor();
    await button('Pause').click();
    await inState('paused');
    await waitForText(page.getByTestId('bridge-sentence'), /Paused by the shop/);
    await shot(page, 'bridge-real-07-paused-1280');
    await page.getByTestId('bridge-resume').click();
    await inState('in_step');

    await signIn(stack.manager.id, stack.manager.pin);
    await openSection();
    await inState('in_step');
    await page.getByText('Only the shop owner can pause or disconnect the link').waitFor();
    expect(await page.getByTestId('bridge-disconnect').count()).toBe(0);
    await page.getByTestId('bridge-sync-now').waitFor();
    await shot(page, 'bridge-real-07b-in-step-manager-1280');
  });

  it('a connection granted read-only access says so, and web orders in Square are refused with the reason', async () => {
    const owner = (await stack.shop.owner.staff.list.query()).find((m) => m.role === 'owner');
    if (!owner) throw new Error('no owner');
    await signIn(owner.id, OWNER_PIN);
    // as if the owner had granted Square read-only access: no stock or order writes (it stays so for the tests after)
    await stack.server.stop();
    try {
      await stack.server.sql(`UPDATE pos_connections SET scopes = array_remove(array_remove(scopes, 'INVENTORY_WRITE'), 'ORDERS_WRITE')`);
    } finally {
      await stack.server.restart();
    }
    await openSection();
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await inState('in_step', 60_000);
    await waitForText(page.getByTestId('bridge-read-only'), /^Read-only: this Square connection imports the catalog and follows stock, but sales here do not change Square’s stock — adjust it in Square\.$/);
    await waitForText(page.getByTestId('bridge-sentence'), /^Square and this shop are in step: Square’s prices and stock show here\.$/);
    // the option left on from before may still be turned off; then it cannot be turned on again
    await page.getByText('Show web orders in Square').click();
    await waitForText(page.getByTestId('bridge-web-orders-text'), /^This Square connection may not create orders, so web orders cannot show in Square\. To use it, connect Square again and grant access to orders\.$/);
    expect(await page.getByTestId('bridge-web-orders').isDisabled()).toBe(true);
    await page.getByTestId('bridge-web-orders-text').scrollIntoViewIfNeeded();
    await shot(page, 'bridge-real-07c-read-only-1280');
  });

  it('offline: the open section says it needs the connection, and shows the link again once back', async () => {
    await stack.server.stop();
    try {
      await waitForText(page.getByTestId('sync-connection'), /^Offline$/, 30_000);
      await page.getByTestId('bridge-offline').waitFor();
      expect(await page.getByTestId('bridge-connection').count()).toBe(0);
      await shot(page, 'bridge-real-08-offline-1280');
    } finally {
      await stack.server.restart();
    }
    await waitForText(page.getByTestId('sync-connection'), /^Online$/, 60_000);
    await inState('in_step');
  });

  it('the owner disconnects after confirming: the link shows disconnected, with Connect again', async () => {
    const owner = (await stack.shop.owner.staff.list.query()).find((m) => m.role === 'owner');
    if (!owner) throw new Error('no owner');
    await signIn(owner.id, OWNER_PIN);
    await openSection();
    await inState('in_step');
    await button('Disconnect').click();
    await page.getByTestId('bridge-disconnect-confirm').click({ trial: true });
    await shot(page, 'bridge-real-09-disconnect-confirm-1280');
    await page.getByTestId('bridge-disconnect-confirm').click();
    await inState('revoked');
    await waitForText(page.getByTestId('bridge-reason'), /Disconnected by the shop/);
    await page.getByTestId('bridge-provider-square').getByTestId('bridge-connect').filter({ hasText: 'Connect again' }).waitFor();
    await waitForText(page.getByTestId('bridge-pos-name'), /^Square$/);
    await shot(page, 'bridge-real-10-disconnected-1280');
    await page.getByTestId('bridge-providers').scrollIntoViewIfNeeded();
    await shot(page, 'bridge-real-10b-disconnected-cards-1280');
  });
});
