import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../server/src/db/schema/index';
import { emailedVerificationToken } from '../../server/src/seed/caller';
import { collectPageErrors, shoot, startLiveMarket, type LiveMarket } from './live-market';

/** Sign-up in Chromium: the same "check your email" for a new and a taken address, signing in unconfirmed, the emailed link. */
describe('sign-up and email confirmation in a browser', () => {
  let market: LiveMarket;
  const contexts: BrowserContext[] = [];
  const email = 'nora.new@example.test';
  const password = 'nora-password-1';

  beforeAll(async () => {
    market = await startLiveMarket();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await market.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { context, page, errors: collectPageErrors(page) };
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(market.base + path);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }

  async function signUp(page: Page): Promise<string> {
    await visit(page, '/account');
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill('Nora New');
    await page.getByLabel('Email').fill(email);
    await page.locator('input[autocomplete="new-password"]').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    return page.getByRole('status').innerText();
  }

  it('answers a new and a taken address with the same page and no session, then signs in unconfirmed and confirms by link', async () => {
    const first = await open();
    const newAnswer = await signUp(first.page);
    await shoot(first.page, 'signup-check-email-phone');
    const second = await open();
    const takenAnswer = await signUp(second.page);
    expect(takenAnswer).toBe(newAnswer);
    for (const c of [first.context, second.context]) expect((await c.cookies()).map((k) => k.name)).not.toContain('mk_session');
    const kinds = (await market.database.db.select().from(emailOutbox)).filter((m) => m.to === email).map((m) => m.kind);
    expect(kinds.sort()).toEqual(['account_exists', 'email_verification']);

    // "Sign in" keeps what was typed: one click signs the new, unconfirmed account in
    const { page, errors } = first;
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Nora' }).waitFor();
    await page.getByText('Verify your email to see all your orders').waitFor();
    await page.getByRole('button', { name: 'Resend the confirmation email' }).click();
    await page.getByText(/Sent\. Check nora\.new@example\.test/).waitFor();
    await shoot(page, 'account-unconfirmed-phone');

    const token = await emailedVerificationToken(market.database, email);
    await visit(page, `/account/verify?token=${token}`);
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
    await shoot(page, 'verify-email-phone');
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await page.getByRole('heading', { name: 'Email confirmed' }).waitFor();
    await shoot(page, 'verify-email-done-phone');
    await page.getByRole('link', { name: 'See your orders' }).click();
    await page.getByRole('heading', { name: 'Hello, Nora' }).waitFor();
    expect(await page.getByText('Verify your email to see all your orders').count()).toBe(0);
    expect(errors).toEqual([]);

    // the link works once
    await visit(page, `/account/verify?token=${token}`);
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await page.getByText(/expired or was already used/).waitFor();
    await shoot(page, 'verify-email-used-phone');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
