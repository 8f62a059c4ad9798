import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../context';
import { customers, emailOutbox, emailVerifications } from '../db/schema/index';
import { emailedVerificationToken } from '../seed/caller';
import { addProduct, checkoutRequest, createShop } from '../services/orders/test-kit';
import { hashToken } from '../services/tokens';
import { describeEachDb, MemoryCookieJar } from '../test/harness';
import { countRows, failure } from './identity-test-kit';

describeEachDb('auth: sign-up that tells no one who has an account', (get) => {
  const db = () => get().database.db;
  const signup = (email: string, password = 'a long enough secret') => ({ name: 'Nora New', email, password });
  const mailsTo = async (to: string) => (await db().select().from(emailOutbox).where(eq(emailOutbox.to, to))).sort((a, b) => a.id.localeCompare(b.id));
  /** what a refused call must leave alone */
  const accountState = async () => ({
    customers: await db().select().from(customers),
    verifications: await db().select().from(emailVerifications),
    emails: await countRows(db(), 'email_outbox'),
    sessions: await countRows(db(), 'sessions'),
  });
  async function signIn(email: string, password = 'a long enough secret'): Promise<string> {
    const jar = new MemoryCookieJar();
    await (await get().caller({ cookies: jar, ip: '10.3.9.9' })).auth.customerLogin({ email, password });
    return jar.values.get(SESSION_COOKIE)!;
  }

  it('answers a new and a taken email alike, sets no cookie either way, and emails each the right thing', async () => {
    const taken = 'taken.one@example.test';
    await (await get().caller({ ip: '10.3.0.1' })).auth.customerSignup(signup(taken, 'the real owner secret'));
    const emailsBefore = await countRows(db(), 'email_outbox');
    const customersBefore = await countRows(db(), 'customers');

    const newJar = new MemoryCookieJar();
    const takenJar = new MemoryCookieJar();
    const forNew = await (await get().caller({ cookies: newJar, ip: '10.3.0.2' })).auth.customerSignup(signup('brand.new@example.test'));
    const forTaken = await (await get().caller({ cookies: takenJar, ip: '10.3.0.3' })).auth.customerSignup(signup('Taken.One@Example.TEST'));
    expect(forTaken).toEqual(forNew);
    expect(forNew).toEqual({ ok: true });
    expect([...newJar.values.keys(), ...takenJar.values.keys()]).toEqual([]);

    // one account more, one email to each address
    expect(await countRows(db(), 'customers')).toBe(customersBefore + 1);
    expect(await countRows(db(), 'email_outbox')).toBe(emailsBefore + 2);
    const [welcome] = await mailsTo('brand.new@example.test');
    expect(welcome).toMatchObject({ kind: 'email_verification', orderId: null, status: 'queued', subject: 'Confirm your email for Makeries' });
    expect(welcome?.body).toContain(`${get().env.PUBLIC_URL}/account/verify?token=`);
    const already = (await mailsTo(taken)).at(-1);
    expect(already).toMatchObject({ kind: 'account_exists', subject: 'You already have a Makeries account' });
    expect(already?.body).toContain(`${get().env.PUBLIC_URL}/account/forgot`);
    expect(already?.body).not.toContain('token=');

    // the existing account is untouched: its password still works, the one typed at the second sign-up does not
    const anon = await get().caller({ ip: '10.3.0.4' });
    await expect(anon.auth.customerLogin({ email: taken, password: 'the real owner secret' })).resolves.toHaveProperty('customer');
    expect((await failure(anon.auth.customerLogin({ email: taken, password: 'a long enough secret' }))).code).toBe('INVALID_CREDENTIALS');
  });

  it('a new account may sign in before confirming; the emailed link confirms it once, then refuses, writing nothing', async () => {
    const email = 'confirm.me@example.test';
    await (await get().caller({ ip: '10.3.1.1' })).auth.customerSignup(signup(email));
    const cookie = await signIn(email);
    expect(await (await get().caller({ sessionCookie: cookie })).auth.me()).toMatchObject({ kind: 'customer', customer: { email, emailVerified: false } });

    const token = await emailedVerificationToken(get().database, email);
    const [stored] = await db().select().from(emailVerifications).where(eq(emailVerifications.tokenHash, hashToken(token)));
    expect(stored?.tokenHash).not.toContain(token);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeGreaterThan(23 * 3600_000);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeLessThanOrEqual(24 * 3600_000 + 1000);

    const clicker = new MemoryCookieJar();
    expect(await (await get().caller({ cookies: clicker, ip: '10.3.1.2' })).auth.verifyEmail({ token })).toEqual({ ok: true });
    expect(clicker.values.size).toBe(0); // the link signs nobody in
    expect(await (await get().caller({ sessionCookie: cookie })).auth.me()).toMatchObject({ customer: { emailVerified: true } });

    const before = await accountState();
    const again = await failure((await get().caller({ ip: '10.3.1.3' })).auth.verifyEmail({ token }));
    expect(again).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'token' }] });
    expect(again.message).toMatch(/expired or was already used/);
    const unknown = await failure((await get().caller({ ip: '10.3.1.3' })).auth.verifyEmail({ token: 'x'.repeat(43) }));
    expect(unknown).toEqual(again);
    const cut = await failure((await get().caller({ ip: '10.3.1.3' })).auth.verifyEmail({ token: 'abc' }));
    expect(cut).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'token', message: expect.stringMatching(/not complete/) }] });
    expect(await accountState()).toEqual(before);
  });

  it('an expired link is refused and leaves the account unconfirmed', async () => {
    const email = 'too.late@example.test';
    await (await get().caller({ ip: '10.3.2.1' })).auth.customerSignup(signup(email));
    const token = await emailedVerificationToken(get().database, email);
    await db().update(emailVerifications).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailVerifications.tokenHash, hashToken(token)));
    const before = await accountState();
    const expired = await failure((await get().caller({ ip: '10.3.2.2' })).auth.verifyEmail({ token }));
    expect(expired.code).toBe('BAD_INPUT');
    expect(expired.message).toMatch(/expired or was already used/);
    expect(await accountState()).toEqual(before);
    const [row] = await db().select().from(customers).where(eq(customers.email, email));
    expect(row?.emailVerifiedAt).toBeNull();
  });

  it('an unconfirmed account sees only the orders of the session that placed them; confirmed, it sees all everywhere', async () => {
    const shop = await createShop(db());
    const bun = await addProduct(db(), shop.vendorId, { name: 'Bun', priceCents: 200, stock: 10 });
    const email = 'two.devices@example.test';
    await (await get().caller({ ip: '10.3.3.1' })).auth.customerSignup(signup(email));
    const laptop = await get().caller({ sessionCookie: await signIn(email) });
    const phone = await get().caller({ sessionCookie: await signIn(email) });
    const [onLaptop] = (await laptop.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId }]))).orders;
    const [onPhone] = (await phone.orders.checkout(checkoutRequest([[bun, 1]], [{ vendorId: shop.vendorId }]))).orders;

    expect((await laptop.orders.listMine({})).items.map((o) => o.id)).toEqual([onLaptop!.id]);
    expect((await phone.orders.listMine({})).items.map((o) => o.id)).toEqual([onPhone!.id]);
    expect((await failure(phone.orders.byId({ orderId: onLaptop!.id }))).code).toBe('NOT_FOUND');
    // signing in again is another session: nothing earlier shows until the email is confirmed
    const later = await get().caller({ sessionCookie: await signIn(email) });
    expect((await later.orders.listMine({})).items).toEqual([]);
    // the tracking link from the confirmation still opens the order anywhere
    await expect(later.orders.byId({ orderId: onLaptop!.id, trackingToken: onLaptop!.trackingToken })).resolves.toMatchObject({ id: onLaptop!.id });

    await (await get().caller({ ip: '10.3.3.2' })).auth.verifyEmail({ token: await emailedVerificationToken(get().database, email) });
    for (const device of [laptop, phone, later]) {
      expect((await device.orders.listMine({})).items.map((o) => o.id)).toEqual([onPhone!.id, onLaptop!.id]);
    }
    await expect(phone.orders.byId({ orderId: onLaptop!.id })).resolves.toMatchObject({ id: onLaptop!.id });
  });

  it('resends a link only to an unconfirmed account, answers every address the same, and is rate-limited', async () => {
    const pending = 'resend.me@example.test';
    const confirmed = 'already.fine@example.test';
    await (await get().caller({ ip: '10.3.4.1' })).auth.customerSignup(signup(pending));
    await (await get().caller({ ip: '10.3.4.1' })).auth.customerSignup(signup(confirmed));
    const first = await emailedVerificationToken(get().database, pending);
    await (await get().caller({ ip: '10.3.4.1' })).auth.verifyEmail({ token: await emailedVerificationToken(get().database, confirmed) });
    const emailsBefore = await countRows(db(), 'email_outbox');

    const anon = await get().caller({ ip: '10.3.4.2' });
    const answers = [
      await anon.auth.resendVerification({ email: 'Resend.Me@example.test' }),
      await anon.auth.resendVerification({ email: confirmed }),
      await anon.auth.resendVerification({ email: 'nobody.at.all@example.test' }),
    ];
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await countRows(db(), 'email_outbox')).toBe(emailsBefore + 1);
    const second = await emailedVerificationToken(get().database, pending);
    expect(second).not.toBe(first);
    // following the newest link uses up the older one too
    await anon.auth.verifyEmail({ token: second });
    expect((await failure(anon.auth.verifyEmail({ token: first }))).code).toBe('BAD_INPUT');

    const flooder = await get().caller({ ip: '10.3.4.3' });
    for (let i = 0; i < 4; i++) await flooder.auth.resendVerification({ email: pending });
    const before = await accountState();
    const limited = await failure(flooder.auth.resendVerification({ email: pending }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toMatch(/try again/);
    expect(await accountState()).toEqual(before);
  });

  it('limits sign-ups per address the same whether or not it has an account, so nobody floods an inbox', async () => {
    const email = 'flooded@example.test';
    for (let i = 0; i < 5; i++) {
      expect(await (await get().caller({ ip: `10.3.5.${i}` })).auth.customerSignup(signup(email))).toEqual({ ok: true });
    }
    const before = await accountState();
    const limited = await failure((await get().caller({ ip: '10.3.5.9' })).auth.customerSignup(signup(email)));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(await accountState()).toEqual(before);
    expect((await mailsTo(email)).map((m) => m.kind)).toEqual(['email_verification', ...Array<string>(4).fill('account_exists')]);
  });

  it('a password reset confirms the email too, since the link reached the inbox', async () => {
    const email = 'reset.confirms@example.test';
    await (await get().caller({ ip: '10.3.6.1' })).auth.customerSignup(signup(email));
    const anon = await get().caller({ ip: '10.3.6.2' });
    await anon.auth.requestPasswordReset({ email });
    const mail = (await mailsTo(email)).find((m) => m.kind === 'password_reset');
    const token = /\/account\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? '')?.[1];
    const jar = new MemoryCookieJar();
    await (await get().caller({ cookies: jar, ip: '10.3.6.3' })).auth.resetPassword({ token: token!, password: 'a new secret here' });
    expect(await (await get().caller({ sessionCookie: jar.values.get(SESSION_COOKIE)! })).auth.me()).toMatchObject({ customer: { emailVerified: true } });
  });
});
