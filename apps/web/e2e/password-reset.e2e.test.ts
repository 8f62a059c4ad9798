import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../server/src/db/schema/index';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

/** "Forgot password?" end to end in Chromium: the sign-in form's link, the emailed link, a new password, signed in. */
describe('password reset in a browser', () => {
  let market: LiveMarket;
  let oldCookie = '';
  const email = 'ada.reset@example.test';

  beforeAll(async () => {
    market = await startLiveMarket();
    oldCookie = await customerCookie(market.database, market.env, { name: 'Ada Reset', email, password: 'the old password 1' });
  });

  afterAll(async () => {
    await market?.close();
  });

  it('asks for a link from the sign-in form, opens it, chooses a new password and is signed in; the old session ends', async () => {
    const context = await market.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const errors = collectPageErrors(page);
      await page.goto(`${market.base}/account`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await page.getByRole('form', { name: 'Reset password by email' }).getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await shoot(page, 'password-forgot-sent-phone');

      const mail = (await market.database.db.select().from(emailOutbox)).find((m) => m.to === email && m.kind === 'password_reset');
      const link = /(https?:\/\/\S+\/account\/reset\?token=[A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1];
      expect(link).toBeTruthy();
      await page.goto(`${market.base}${new URL(link!).pathname}${new URL(link!).search}`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.locator('input[autocomplete="new-password"]').fill('short');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.getByText('Passwords need at least 10 characters').waitFor();
      await page.locator('input[autocomplete="new-password"]').fill('a brand new password');
      await shoot(page, 'password-reset-form-phone');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { name: 'Hello, Ada' }).waitFor();

      expect(errors).toEqual([]);
      // the session from before the reset is gone, and the link does not work twice
      expect(await (await callerAs(market.database, market.env, { cookie: oldCookie })).auth.me()).toEqual({ kind: 'anonymous' });
      await page.goto(`${market.base}${new URL(link!).pathname}${new URL(link!).search}`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await page.locator('input[autocomplete="new-password"]').fill('yet another password');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.getByText(/expired or was already used/).waitFor();
      // the only console noise is the browser logging that refused request (HTTP 400)
      expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
