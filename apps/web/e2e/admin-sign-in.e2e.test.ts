import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerCookie } from '../../server/src/seed/caller';
import { recordAudit } from '../../server/src/services/operators/audit';
import { disableOperatorFromCli } from '../../server/src/services/operators/disable';
import { createOperatorFixture, type OperatorFixture } from '../../server/src/services/operators/test-kit';
import { seriousA11yProblems } from './axe';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * The operator console's door in Chromium against the real server: sign in with password and a TOTP code
 * computed here (as an authenticator app would), the console and its audit log showing that sign-in, sign out;
 * and the storefront in the same browser stays the customer's all along.
 */
describe('operator sign-in in a browser', () => {
  let market: LiveMarket;
  let op: OperatorFixture;
  let shopper = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    op = await createOperatorFixture(market.database.db, 'olive@ops.example');
    shopper = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace.ops@example.test', password: 'grace-password-1' });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
    // the same browser is also a signed-in customer of the storefront
    const opened = await openPage(market, viewport, { customer: shopper });
    contexts.push(opened.context);
    return opened;
  }

  const visit = (page: Page, path: string) => visitHydrated(market, page, path);

  async function signInForm(page: Page, code: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Operator sign-in' });
    await form.getByLabel('Email').fill(op.operator.email);
    await form.getByLabel('Password').fill(op.password);
    await form.getByRole('textbox', { name: /code/i }).fill(code);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs in with a TOTP code, lands where it was going, finds the sign-in in the audit log and signs out; the storefront stays the customer’s', async () => {
    const { page, errors, context } = await open(DESKTOP);
    await visit(page, '/admin/audit');
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Faudit$/);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    const code = page.getByRole('textbox', { name: /Code from your authenticator app/ });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await shoot(page, 'admin-sign-in-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // a wrong code: a clear message, and the code field emptied for the next try
    const wrong = String((Number(op.codeAt(new Date())) + 500_000) % 1_000_000).padStart(6, '0');
    await signInForm(page, wrong);
    await page.getByRole('alert').getByText(/don't match an operator account/).waitFor();
    expect(await code.inputValue()).toBe('');
    await shoot(page, 'admin-sign-in-error-desktop');

    await signInForm(page, op.codeAt(new Date()));
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const entry = page.getByRole('listitem', { name: `operator.signIn on operator ${op.operator.id}` });
    await entry.waitFor();
    await entry.getByText(`(${op.operator.email})`).waitFor();
    await page.getByRole('banner').getByText('Olive Operator').waitFor();
    await page.getByRole('banner').getByText(/Session ends/).waitFor();
    await shoot(page, 'admin-audit-desktop');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();
    for (const area of ['Shops', 'Content', 'Orders & disputes', 'Health', 'Audit log']) await page.getByRole('main').getByRole('link', { name: new RegExp(`^${area}`) }).waitFor();
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await shoot(page, 'admin-home-desktop');
    expect(await seriousA11yProblems(page)).toEqual([]);

    // the storefront in another tab of the same browser: the customer's, with no trace of the operator
    const shop = await context.newPage();
    await shop.goto(`${market.base}/account`);
    await shop.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await shop.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    expect(await shop.content()).not.toContain('Olive Operator');
    await shop.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/sign-in$/);
    await page.getByRole('form', { name: 'Operator sign-in' }).waitFor();
    expect((await context.cookies()).map((c) => c.name)).toEqual(['mk_session']);
    await visit(page, '/admin');
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin$/);
    // and the customer is still signed in to the storefront
    await visit(page, '/account');
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    expect(errors.filter((e) => !/status of (400|401)/.test(e))).toEqual([]);
  });

  it('on a phone: signs in with a recovery code, opens the menu, reads the audit log and makes new recovery codes', async () => {
    const { page, errors } = await open(PHONE);
    await visit(page, '/admin/sign-in');
    await shoot(page, 'admin-sign-in-phone');
    await page.getByRole('button', { name: /Use a recovery code/ }).click();
    await signInForm(page, (op.recoveryCodes[0] ?? '').toUpperCase());
    await page.waitForURL(/\/admin$/);
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();
    await shoot(page, 'admin-home-phone');

    await page.getByRole('button', { name: 'Open the menu' }).click();
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByText('Olive Operator').waitFor();
    // the menu slides in: shoot it once it is all the way in
    await page.waitForFunction(() => {
      const el = document.querySelector('nav[aria-label="Console"]');
      const t = el ? getComputedStyle(el).transform : '';
      return t === 'none' || t === 'matrix(1, 0, 0, 1, 0, 0)';
    });
    await shoot(page, 'admin-menu-phone');
    // a page's worth of later actions on a shop, each with its before, after and reason
    const shop = market.shops[0]!;
    for (let i = 1; i <= 25; i++) {
      await recordAudit(market.database.db, { operatorId: op.operator.id, ip: '127.0.0.1', requestId: `e2e-${i}` }, {
        action: 'shop.setFee',
        targetType: 'vendor',
        targetId: shop.vendorId,
        before: { feeBps: 400 + i, status: 'active' },
        after: { feeBps: 500 + i, status: 'active' },
        reason: `Fee review ${i}`,
      });
    }
    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const newest = page.getByRole('listitem', { name: `shop.setFee on vendor ${shop.vendorId}` }).first();
    await newest.getByText('Why: Fee review 25').waitFor();
    await newest.getByRole('list', { name: 'Changes' }).getByText('425').waitFor();
    await newest.getByRole('list', { name: 'Changes' }).getByText('525').waitFor();
    // only what changed is listed
    expect(await newest.getByRole('list', { name: 'Changes' }).getByRole('listitem').count()).toBe(1);
    await shoot(page, 'admin-audit-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);
    // the sign-in is older than the first page
    const signIn = page.getByRole('listitem', { name: `operator.signInWithRecoveryCode on operator ${op.operator.id}` });
    expect(await signIn.count()).toBe(0);
    await page.getByRole('button', { name: 'Show older' }).click();
    await signIn.waitFor();
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    // one record's history, by its link: the address carries the filter, the form shows it
    await newest.getByRole('link', { name: `vendor ${shop.vendorId}` }).click();
    await page.waitForURL(new RegExp(`/admin/audit\\?kind=vendor&id=${shop.vendorId}$`));
    await expect.poll(() => page.getByLabel('Record id').inputValue()).toBe(shop.vendorId);
    await page.getByRole('listitem', { name: `shop.setFee on vendor ${shop.vendorId}` }).nth(24).waitFor();
    expect(await signIn.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.waitForURL(/\/admin\/audit$/);

    await page.getByRole('button', { name: 'Open the menu' }).click();
    await nav.getByRole('link', { name: 'Your account' }).click();
    await page.getByText('Recovery codes left').waitFor();
    await page.getByRole('button', { name: 'New recovery codes' }).click();
    await page.getByRole('button', { name: 'Replace my recovery codes' }).click();
    const codes = page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await shoot(page, 'admin-account-codes-phone');
    expect(await seriousA11yProblems(page)).toEqual([]);
    expect(errors).toEqual([]);

    // disabled from the command line: the open console notices when its tab comes back, and goes to sign-in
    await disableOperatorFromCli(market.database.db, op.operator.email);
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin%2Faccount&ended=1$/);
    await page.getByText(/Your session has ended/).waitFor();
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
