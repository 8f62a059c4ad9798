import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '../context';
import { customers, sessions } from '../db/schema/index';
import { createVendorFixture } from '../test/fixtures';
import { describeEachDb, MemoryCookieJar } from '../test/harness';
import { countRows, failure, identityCounts, registeredOwner, registration } from './identity-test-kit';

const DAY_MS = 86_400_000;

describeEachDb(
  'auth: staff sign-in',
  (get) => {
    it('signs an owner in by email in any case, with a 30-day bearer session that identifies them', async () => {
      const anon = await get().caller({ ip: '10.0.0.1' });
      const input = registration();
      const { vendor } = await anon.vendors.register(input);
      const before = Date.now();
      const login = await anon.auth.staffLogin({ email: input.owner.email.toUpperCase(), password: input.owner.password });
      expect(login.staff).toMatchObject({ role: 'owner', email: input.owner.email, vendorId: vendor.id });
      expect(login.vendor.id).toBe(vendor.id);
      expect(Date.parse(login.expiresAt) - before).toBeGreaterThan(29 * DAY_MS);
      expect(Date.parse(login.expiresAt) - before).toBeLessThanOrEqual(30 * DAY_MS + 60_000);
      const me = await (await get().caller({ bearer: login.token })).auth.me();
      expect(me).toMatchObject({ kind: 'staff', staff: { id: login.staff.id, role: 'owner' }, vendor: { id: vendor.id } });
      // only the token's hash is stored
      const stored = await get().database.db.select().from(sessions).where(eq(sessions.staffId, login.staff.id));
      expect(stored.map((s) => s.tokenHash)).not.toContain(login.token);
    });

    it('answers a wrong password and an unknown email with the same message and creates no session', async () => {
      const db = get().database.db;
      const anon = await get().caller({ ip: '10.0.0.2' });
      const input = registration();
      await anon.vendors.register(input);
      const sessionsBefore = await countRows(db, 'sessions');
      const wrongPassword = await failure(anon.auth.staffLogin({ email: input.owner.email, password: 'not the password' }));
      const unknownEmail = await failure(anon.auth.staffLogin({ email: 'nobody@example.test', password: 'whatever it is' }));
      expect(wrongPassword.code).toBe('INVALID_CREDENTIALS');
      expect(unknownEmail.code).toBe('INVALID_CREDENTIALS');
      expect(wrongPassword.message).toBe(unknownEmail.message);
      expect(await countRows(db, 'sessions')).toBe(sessionsBefore);
    });

    it('refuses even the right password from an address that used up its attempts for that email, saying when to retry', async () => {
      const anon = await get().caller({ ip: '10.0.1.1' });
      const input = registration();
      await anon.vendors.register(input);
      for (let i = 0; i < 3; i++) {
        expect((await failure(anon.auth.staffLogin({ email: input.owner.email, password: `guess number ${i}` }))).code).toBe(
          'INVALID_CREDENTIALS',
        );
      }
      const limited = await failure(anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password }));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/try again/i);
      expect(limited.message).toMatch(/\d+ (minute|second)s?/);
      const retryAfter = Number(limited.details?.retryAfterSeconds);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // only the guessing address is refused: the owner signs in from anywhere else (guessing is no lockout weapon)
      const elsewhere = await get().caller({ ip: '10.0.1.2' });
      await expect(elsewhere.auth.staffLogin({ email: input.owner.email, password: input.owner.password })).resolves.toHaveProperty('token');
    });

    it('limits one address guessing many accounts', async () => {
      const setup = await get().caller({ ip: '10.0.2.9' });
      const target = registration();
      await setup.vendors.register(target);
      const guesser = await get().caller({ ip: '10.0.2.1' });
      for (let i = 0; i < 3; i++) await failure(guesser.auth.staffLogin({ email: `someone${i}@example.test`, password: 'password1234' }));
      expect((await failure(guesser.auth.staffLogin({ email: target.owner.email, password: target.owner.password }))).code).toBe(
        'RATE_LIMITED',
      );
      // the account itself is fine from another address
      await expect(setup.auth.staffLogin({ email: target.owner.email, password: target.owner.password })).resolves.toHaveProperty('token');
    });

    it('does not count successful sign-ins against the limit', async () => {
      const anon = await get().caller({ ip: '10.0.3.1' });
      const input = registration();
      await anon.vendors.register(input);
      for (let i = 0; i < 6; i++) {
        await expect(anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password })).resolves.toHaveProperty('token');
      }
    });

    it('rejects malformed input with field issues and writes nothing', async () => {
      const db = get().database.db;
      const anon = await get().caller({ ip: '10.0.4.1' });
      const before = { ...(await identityCounts(db)), rate_limits: await countRows(db, 'rate_limits') };
      const bad = await failure(anon.auth.staffLogin({ email: 'not-an-email', password: '' }));
      expect(bad.code).toBe('BAD_INPUT');
      expect(bad.issues?.map((i) => i.path).sort()).toEqual(['email', 'password']);
      expect({ ...(await identityCounts(db)), rate_limits: await countRows(db, 'rate_limits') }).toEqual(before);
    });

    it('signs out: the token stops working and signing out again needs a session', async () => {
      const owner = await registeredOwner(await get().caller({ ip: '10.0.6.1' }));
      const asOwner = await get().caller({ bearer: owner.token });
      await expect(asOwner.auth.staffLogout()).resolves.toEqual({ ok: true });
      const after = await get().caller({ bearer: owner.token });
      expect(await after.auth.me()).toEqual({ kind: 'anonymous' });
      expect((await failure(after.auth.staffLogout())).code).toBe('UNAUTHENTICATED');
      expect((await failure(after.vendors.mine())).code).toBe('UNAUTHENTICATED');
    });

    it('me describes anonymous visitors, customers and paired counters', async () => {
      const db = get().database.db;
      expect(await (await get().caller()).auth.me()).toEqual({ kind: 'anonymous' });
      expect(await (await get().caller({ bearer: 'made-up-token' })).auth.me()).toEqual({ kind: 'anonymous' });
      const v = await createVendorFixture(db);
      const { code } = await (await get().caller({ bearer: v.managerToken })).devices.createPairingCode({ deviceName: 'Till' });
      const paired = await (await get().caller({ ip: '10.0.7.1' })).devices.pair({ code });
      const asDevice = await (await get().caller({ bearer: paired.deviceToken })).auth.me();
      expect(asDevice).toMatchObject({ kind: 'device', device: { id: paired.device.id, registerCode: 'A1' }, vendor: { id: v.vendorId } });
    });
  },
  { LOGIN_RATE_LIMIT: '3', LOGIN_IP_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '900' },
);

describeEachDb(
  'auth: customer accounts',
  (get) => {
    const signup = (tag: string) => ({ name: 'Cora Customer', email: `Cora.${tag}@Example.test`, password: 'a long enough secret' });

    it('signs a new customer up without signing in, then in with an httpOnly session cookie, not a token in the reply', async () => {
      const signupJar = new MemoryCookieJar();
      const input = signup('a');
      expect(await (await get().caller({ cookies: signupJar, ip: '10.1.0.1' })).auth.customerSignup(input)).toEqual({ ok: true });
      expect(signupJar.values.size).toBe(0);
      const jar = new MemoryCookieJar();
      const result = await (await get().caller({ cookies: jar, ip: '10.1.0.1' })).auth.customerLogin({ email: input.email, password: input.password });
      expect(result.customer).toMatchObject({ name: 'Cora Customer', email: 'cora.a@example.test', emailVerified: false });
      expect(JSON.stringify(result)).not.toContain(jar.values.get(SESSION_COOKIE) ?? 'no cookie');
      const cookie = jar.values.get(SESSION_COOKIE);
      expect(cookie).toBeTruthy();
      const me = await (await get().caller({ sessionCookie: cookie })).auth.me();
      expect(me).toMatchObject({ kind: 'customer', customer: { id: result.customer.id, email: 'cora.a@example.test' } });
      // a customer session is not a staff session
      const asBearer = await get().caller({ bearer: cookie });
      expect((await failure(asBearer.staff.list())).code).toBe('UNAUTHENTICATED');
    });

    it('answers a second sign-up for the same email in another case like a new one, creating no account or session', async () => {
      const db = get().database.db;
      const first = await (await get().caller({ ip: '10.1.1.1' })).auth.customerSignup(signup('b'));
      const jar = new MemoryCookieJar();
      const before = await identityCounts(db);
      const dup = await (await get().caller({ cookies: jar, ip: '10.1.1.2' })).auth.customerSignup({ ...signup('b'), email: 'CORA.B@example.TEST' });
      expect(dup).toEqual(first);
      expect(await identityCounts(db)).toEqual(before);
      expect(jar.values.size).toBe(0);
    });

    it('rejects a weak password or blank name and writes nothing', async () => {
      const db = get().database.db;
      const before = await identityCounts(db);
      const bad = await failure((await get().caller()).auth.customerSignup({ name: ' ', email: 'x@example.test', password: 'short' }));
      expect(bad.code).toBe('BAD_INPUT');
      expect(bad.issues?.map((i) => i.path).sort()).toEqual(['name', 'password']);
      expect(await identityCounts(db)).toEqual(before);
    });

    it('signs in with the right password only, with one message for every mismatch', async () => {
      const input = signup('c');
      await (await get().caller({ ip: '10.1.2.1' })).auth.customerSignup(input);
      const jar = new MemoryCookieJar();
      const anon = await get().caller({ cookies: jar, ip: '10.1.2.2' });
      const wrong = await failure(anon.auth.customerLogin({ email: input.email, password: 'wrong password!' }));
      const unknown = await failure(anon.auth.customerLogin({ email: 'ghost@example.test', password: 'wrong password!' }));
      expect(wrong.code).toBe('INVALID_CREDENTIALS');
      expect(unknown).toEqual(wrong);
      expect(jar.values.size).toBe(0);
      const ok = await anon.auth.customerLogin({ email: input.email.toLowerCase(), password: input.password });
      expect(ok.customer.email).toBe('cora.c@example.test');
      expect(jar.values.get(SESSION_COOKIE)).toBeTruthy();
    });

    it('signs out by ending the session and clearing the cookie', async () => {
      const jar = new MemoryCookieJar();
      await (await get().caller({ ip: '10.1.3.1' })).auth.customerSignup(signup('d'));
      await (await get().caller({ cookies: jar, ip: '10.1.3.1' })).auth.customerLogin({ email: signup('d').email, password: signup('d').password });
      const cookie = jar.values.get(SESSION_COOKIE);
      const signedIn = await get().caller({ sessionCookie: cookie, cookies: jar });
      await expect(signedIn.auth.customerLogout()).resolves.toEqual({ ok: true });
      expect(jar.values.has(SESSION_COOKIE)).toBe(false);
      expect(await (await get().caller({ sessionCookie: cookie })).auth.me()).toEqual({ kind: 'anonymous' });
      // signing out with a stale cookie still clears it
      const staleJar = new MemoryCookieJar();
      staleJar.set(SESSION_COOKIE, cookie ?? '');
      await (await get().caller({ sessionCookie: cookie, cookies: staleJar })).auth.customerLogout();
      expect(staleJar.values.size).toBe(0);
    });

    it('rate-limits customer sign-in like staff sign-in', async () => {
      const input = signup('e');
      await (await get().caller({ ip: '10.1.4.1' })).auth.customerSignup(input);
      const [customer] = await get().database.db.select().from(customers).where(eq(customers.email, input.email.toLowerCase()));
      if (!customer) throw new Error('sign-up created no account');
      const anon = await get().caller({ ip: '10.1.4.2' });
      for (let i = 0; i < 3; i++) await failure(anon.auth.customerLogin({ email: input.email, password: `guess ${i} guess` }));
      const limited = await failure(anon.auth.customerLogin({ email: input.email, password: input.password }));
      expect(limited.code).toBe('RATE_LIMITED');
      const stored = await get().database.db.select().from(sessions).where(eq(sessions.customerId, customer.id));
      expect(stored).toHaveLength(0); // sign-up signs nobody in, and no guess got through
      const [row] = await get().database.db.select().from(customers).where(eq(customers.id, customer.id));
      expect(row?.passwordHash.startsWith('scrypt$')).toBe(true);
    });
  },
  { LOGIN_RATE_LIMIT: '3' },
);
