import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, SHOTS_DIR, startStack, waitForText, type Stack } from './harness';
import { expectFits, expectNoScroll, expectNothingCutSideways, expectTouchable, readyShop, SCREENS, seriousA11yProblems, sizeName, type CounterApi } from './screen-kit';

/*
 * The screens a kiosk actually has: 1024×768, 1280×800, 1366×768 and 1920×1080. On each, every screen a
 * cashier or manager uses fits: no sideways scroll, the key controls wholly inside the window, thumb-sized
 * buttons. Screenshots of each are saved for a person to look at. The counter register, the tender window
 * and the lock screen also pass axe-core with no serious or critical findings.
 */

let stack: Stack;
let browser: Browser;
let page: Page;
let api: CounterApi;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch()]);
  api = await readyShop(stack);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-screens-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

const button = (name: string | RegExp) => page.getByRole('button', { name }).first();
const dialog = () => page.getByRole('dialog').last();

/** Runs `check` at each kiosk size and saves a screenshot named after the screen and the size. */
async function atEverySize(name: string, check: (where: string) => Promise<void>): Promise<void> {
  for (const size of SCREENS) {
    await page.setViewportSize(size);
    const where = `${name} at ${sizeName(size)}`;
    await shot(page, `screens-${name}-${sizeName(size)}`);
    await expectNothingCutSideways(page, where);
    await check(where);
  }
}

async function expectAccessible(where: string): Promise<void> {
  expect.soft(await seriousA11yProblems(page), `${where}: axe-core`).toEqual([]);
}

function registerControls(): Record<string, Locator> {
  return {
    'shop name': page.getByTestId('shop-name'),
    'search box': page.getByRole('textbox', { name: 'Search products' }),
    'first quick key': page.getByTestId('product-grid').getByRole('button').first(),
    'first category': page.getByRole('group', { name: 'Categories' }).getByRole('button').first(),
    'online pill': page.getByTestId('sync-connection'),
    'Pay button': page.getByTestId('pay-button'),
    'Lock button': button('Lock'),
    'Back office tab': button(/Back office/),
  };
}

describe('every screen fits a kiosk', () => {
  it('lock screen', async () => {
    await api.staff.logout.mutate();
    await page.goto(stack.counter.url);
    const unlock = page.getByRole('button', { name: /Unlock/ });
    await unlock.waitFor();
    await atEverySize('lock', async (where) => {
      const key = page.getByRole('button', { name: '1', exact: true });
      await expectFits(page, where, { 'PIN key 1': key, 'Unlock button': unlock, 'online pill': page.getByTestId('sync-connection') });
      await expectTouchable(where, { 'PIN key 1': key, 'Unlock button': unlock });
    });
    await expectAccessible('lock screen');
    await api.staff.login.mutate({ staffId: stack.manager.id, pin: stack.manager.pin });
    await page.reload();
    await page.getByText('Current sale').waitFor();
  });

  it('open shift', async () => {
    await button('Open till').click();
    await page.getByText('Open the till').waitFor();
    await atEverySize('shift-open', async (where) => {
      await expectFits(page, where, { 'Open button': dialog().getByRole('button', { name: /Open/ }).last(), dialog: dialog() });
    });
    await page.keyboard.press('Enter');
    await page.getByText('The till is not open').waitFor({ state: 'hidden' });
  });

  it('register', async () => {
    await page.getByTestId('product-grid').getByRole('button').first().click();
    await page.getByTestId('product-grid').getByRole('button').nth(3).click();
    await page.getByTestId('product-grid').getByRole('button').nth(4).click();
    await waitForText(page.getByTestId('pay-button'), /£/);
    await atEverySize('register', async (where) => {
      const controls = registerControls();
      await expectFits(page, where, controls);
      await expectTouchable(where, { 'search box': controls['search box'] as Locator, 'first quick key': controls['first quick key'] as Locator, 'first category': controls['first category'] as Locator, 'Pay button': controls['Pay button'] as Locator, 'Lock button': controls['Lock button'] as Locator });
      await expectAccessible(where);
    });
  });

  it('tender', async () => {
    await page.keyboard.press('F12');
    await page.getByText('Take payment').waitFor();
    await atEverySize('tender', async (where) => {
      const controls = {
        'amount due': page.getByTestId('tender-due'),
        'Cash button': dialog().getByRole('button', { name: /^Cash/ }).last(),
        'Card machine button': dialog().getByRole('button', { name: /Card machine/ }),
        'keypad 0': dialog().getByRole('button', { name: '0', exact: true }),
        'split hint': page.getByTestId('tender-hint'),
      };
      await expectFits(page, where, controls);
      await expectTouchable(where, { 'Cash button': controls['Cash button'], 'Card machine button': controls['Card machine button'], 'keypad 0': controls['keypad 0'] });
      await expectNoScroll(where, page.locator('.mantine-Modal-content').last());
      await expectAccessible(where);
    });
    await page.keyboard.press('Enter');
    await waitForText(page.getByRole('heading'), /Paid · receipt/);
    await button(/Next customer/).click();
  });

  it('refund', async () => {
    await page.keyboard.press('F2');
    await page.getByTestId('sale-row').first().click();
    await button('Refund…').click();
    await page.getByText(/Refund receipt/).waitFor();
    await atEverySize('refund', async (where) => {
      await expectFits(page, where, { 'Refund button': dialog().getByRole('button', { name: /^Refund £/ }), dialog: dialog().locator('.mantine-Modal-header') });
      await expectTouchable(where, { 'Refund button': dialog().getByRole('button', { name: /^Refund £/ }) });
    });
    await page.keyboard.press('Escape');
  });

  it('shift close', async () => {
    await page.keyboard.press('F4');
    await button('Close shift…').click();
    await page.getByLabel('Number of £1.00 coins').waitFor();
    await atEverySize('shift-close', async (where) => {
      await expectFits(page, where, { 'Close shift button': button(/^Close shift$/), '£1 count': page.getByLabel('Number of £1.00 coins') });
      await expectTouchable(where, { 'Close shift button': button(/^Close shift$/) });
    });
    await button(/^Back|Cancel/).click();
  });

  it('back office', async () => {
    await page.keyboard.press('F5');
    for (const section of ['catalog', 'stock', 'reports', 'bridge', 'settings'] as const) {
      await page.getByTestId(`section-${section}`).click();
      await atEverySize(`back-office-${section}`, async (where) => {
        await expectFits(page, where, { 'section list': page.getByTestId(`section-${section}`), 'Register tab': button(/Register/) });
        await expectTouchable(where, { 'section button': page.getByTestId(`section-${section}`) });
      });
    }
  });

  it('settings › this counter: a manager downloads the logs as one zip', async () => {
    await page.getByRole('tab', { name: 'This counter' }).click();
    await atEverySize('settings-this-counter', async (where) => {
      // further down the settings page: it scrolls there like any long settings page
      await page.getByTestId('download-logs').scrollIntoViewIfNeeded();
      await expectFits(page, where, { 'Download logs': page.getByTestId('download-logs') });
      await expectTouchable(where, { 'Download logs': page.getByTestId('download-logs') });
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-logs').click()]);
    expect(download.suggestedFilename()).toMatch(/^makeries-counter-A1-logs-\d{8}-\d{4}\.zip$/);
    await page.getByText('Logs saved').waitFor();
  });
});
