import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../context';
import { emailOutbox, passwordResets, sessions } from '../db/schema/index';
import { describeEachDb, MemoryCookieJar } from '../test/harness';
import { hashToken } from '../services/tokens';
import { countRows, failure, registration } from './identity-test-kit';

/** The token in the newest reset email to this address. */
async function linkToken(db: Parameters<typeof countRows>[0], to: string): Promise<string> {
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
  const mail = rows.filter((r) => r.kind === 'password_reset').sort((a, b) => a.id.localeCompare(b.id)).at(-1);
  const m = /\/account\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '');
  if (!m?.[1]) throw new Error(`no reset link for ${to}`);
  return m[1];
}

describeEachDb('auth: password reset', (get) => {
  const db = () => get().database.db;
  const newPassword = 'a brand new secret';

  it('a customer resets by emailed link: old password and every other session stop working, this browser is signed in', async () => {
    const email = 'reset.cora@example.test';
    const phone = new MemoryCookieJar();
    await (await get().caller({ ip: '10.2.0.1' })).auth.customerSignup({ name: 'Cora', email, password: 'the old secret 1' });
    await (await get().caller({ ip: '10.2.0.1', cookies: phone })).auth.customerLogin({ email, password: 'the old secret 1' });
    const phoneSession = phone.values.get(SESSION_COOKIE)!;
    const anon = await get().caller({ ip: '10.2.0.2' });
    expect(await anon.auth.requestPasswordReset({ email: 'Reset.Cora@Example.test' })).toEqual({ ok: true });
    const [mail] = (await db().select().from(emailOutbox).where(eq(emailOutbox.to, email))).filter((m) => m.kind === 'password_reset');
    expect(mail).toMatchObject({ kind: 'password_reset', orderId: null, status: 'queued', subject: 'Reset your Makeries password' });
    expect(mail?.body).toContain(`${get().env.PUBLIC_URL}/account/reset?token=`);
    const token = await linkToken(db(), email);
    // only the SHA-256 of the token is kept, for one hour
    const [stored] = await db().select().from(passwordResets).where(eq(passwordResets.tokenHash, hashToken(token)));
    expect(stored?.tokenHash).not.toContain(token);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000 + 1000);

    const laptop = new MemoryCookieJar();
    expect(await (await get().caller({ ip: '10.2.0.3', cookies: laptop })).auth.resetPassword({ token, password: newPassword })).toEqual({ ok: true, kind: 'customer' });
    expect(await (await get().caller({ sessionCookie: phoneSession })).auth.me()).toEqual({ kind: 'anonymous' });
    expect(await (await get().caller({ sessionCookie: laptop.values.get(SESSION_COOKIE)! })).auth.me()).toMatchObject({ kind: 'customer' });
    expect((await failure(anon.auth.customerLogin({ email, password: 'the old secret 1' }))).code).toBe('INVALID_CREDENTIALS');
    await expect(anon.auth.customerLogin({ email, password: newPassword })).resolves.toHaveProperty('customer');
    // single use
    const again = await failure(anon.auth.resetPassword({ token, password: 'yet another secret' }));
    expect(again.code).toBe('BAD_INPUT');
    expect(again.message).toMatch(/expired or was already used/);
  });

  it('a shop owner resets too: all back-office sessions end and the owner signs in with the new password', async () => {
    const anon = await get().caller({ ip: '10.2.1.1' });
    const input = registration();
    await anon.vendors.register(input);
    const login = await anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password });
    await anon.auth.requestPasswordReset({ email: input.owner.email });
    const token = await linkToken(db(), input.owner.email);
    expect(await anon.auth.resetPassword({ token, password: newPassword })).toEqual({ ok: true, kind: 'staff' });
    expect(await (await get().caller({ bearer: login.token })).auth.me()).toEqual({ kind: 'anonymous' });
    expect(await db().select().from(sessions).where(eq(sessions.staffId, login.staff.id))).toEqual([]);
    await expect(anon.auth.staffLogin({ email: input.owner.email, password: newPassword })).resolves.toHaveProperty('token');
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const before = { emails: await countRows(db(), 'email_outbox'), resets: await countRows(db(), 'password_resets') };
    const anon = await get().caller({ ip: '10.2.2.1' });
    expect(await anon.auth.requestPasswordReset({ email: 'nobody.here@example.test' })).toEqual({ ok: true });
    expect({ emails: await countRows(db(), 'email_outbox'), resets: await countRows(db(), 'password_resets') }).toEqual(before);
  });

  it('an expired link, an unknown token, and a newer link all refuse older ones', async () => {
    const email = 'reset.exp@example.test';
    const anon = await get().caller({ ip: '10.2.3.1' });
    await anon.auth.customerSignup({ name: 'Exp', email, password: 'the old secret 2' });
    await anon.auth.requestPasswordReset({ email });
    const first = await linkToken(db(), email);
    await db().update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.tokenHash, hashToken(first)));
    expect((await failure(anon.auth.resetPassword({ token: first, password: newPassword }))).code).toBe('BAD_INPUT');
    expect((await failure(anon.auth.resetPassword({ token: 'x'.repeat(43), password: newPassword }))).code).toBe('BAD_INPUT');
    await anon.auth.requestPasswordReset({ email });
    const second = await linkToken(db(), email);
    await anon.auth.requestPasswordReset({ email });
    const third = await linkToken(db(), email);
    await anon.auth.resetPassword({ token: third, password: newPassword });
    // using one link kills the others of the same account
    expect((await failure(anon.auth.resetPassword({ token: second, password: 'another new secret' }))).code).toBe('BAD_INPUT');
    await expect(anon.auth.customerLogin({ email, password: newPassword })).resolves.toHaveProperty('customer');
  });

  it('rejects a weak password or malformed token with field issues and writes nothing', async () => {
    const email = 'reset.bad@example.test';
    const anon = await get().caller({ ip: '10.2.4.1' });
    await anon.auth.customerSignup({ name: 'Bad', email, password: 'the old secret 3' });
    await anon.auth.requestPasswordReset({ email });
    const token = await linkToken(db(), email);
    const before = { resets: await db().select().from(passwordResets), sessions: await countRows(db(), 'sessions') };
    const weak = await failure(anon.auth.resetPassword({ token, password: 'short' }));
    expect(weak.code).toBe('BAD_INPUT');
    expect(weak.issues?.map((i) => i.path)).toEqual(['password']);
    const bad = await failure(anon.auth.resetPassword({ token: 'not a token!', password: newPassword }));
    expect(bad.issues?.map((i) => i.path)).toEqual(['token']);
    expect((await failure(anon.auth.requestPasswordReset({ email: 'not-an-email' }))).code).toBe('BAD_INPUT');
    expect({ resets: await db().select().from(passwordResets), sessions: await countRows(db(), 'sessions') }).toEqual(before);
    // the link still works after the refused tries
    await expect(anon.auth.resetPassword({ token, password: newPassword })).resolves.toEqual({ ok: true, kind: 'customer' });
  });

  it('is rate-limited per email and per IP, with the same answer for every address', async () => {
    const anon = await get().caller({ ip: '10.2.5.1' });
    for (let i = 0; i < 5; i++) await anon.auth.requestPasswordReset({ email: `flood${i}@example.test` });
    expect((await failure(anon.auth.requestPasswordReset({ email: 'flood9@example.test' }))).code).toBe('RATE_LIMITED');
    const other = await get().caller({ ip: '10.2.5.2' });
    for (let i = 0; i < 5; i++) await other.auth.requestPasswordReset({ email: 'one.inbox@example.test' });
    const third = await get().caller({ ip: '10.2.5.3' });
    expect((await failure(third.auth.requestPasswordReset({ email: 'one.inbox@example.test' }))).code).toBe('RATE_LIMITED');
  });

  it('a reset gives the account a fresh sign-in budget', async () => {
    const email = 'reset.budget@example.test';
    const anon = await get().caller({ ip: '10.2.6.1' });
    await anon.auth.customerSignup({ name: 'Budget', email, password: 'the old secret 4' });
    for (let i = 0; i < 5; i++) await failure((await get().caller({ ip: `192.0.2.${i}` })).auth.customerLogin({ email, password: `guess ${i} xx` }));
    const stranger = await get().caller({ ip: '10.2.6.9' });
    expect((await failure(stranger.auth.customerLogin({ email, password: 'the old secret 4' }))).code).toBe('RATE_LIMITED');
    await anon.auth.requestPasswordReset({ email });
    await stranger.auth.resetPassword({ token: await linkToken(db(), email), password: newPassword });
    await expect(stranger.auth.customerLogin({ email, password: newPassword })).resolves.toHaveProperty('customer');
  });
}, { LOGIN_ACCOUNT_RATE_LIMIT: '2' });
