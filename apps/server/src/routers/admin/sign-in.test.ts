import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { OPERATOR_COOKIE } from '../../context';
import { queryRows } from '../../db/client';
import { operatorAudit, operators, sessions } from '../../db/schema/index';
import { createOperatorFixture, operatorSessionCookie } from '../../services/operators/test-kit';
import { hashToken } from '../../services/tokens';
import { uuidv7 } from '@makeries/shared';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb, MemoryCookieJar, type TestServer } from '../../test/harness';
import { failure } from '../identity-test-kit';

const HOUR_MS = 3_600_000;

async function operatorSessions(db: TestServer['database']['db'], operatorId: string): Promise<number> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.kind, 'operator'), eq(sessions.operatorId, operatorId)));
  return rows.length;
}

async function auditActions(db: TestServer['database']['db'], operatorId: string): Promise<string[]> {
  const rows = await db.select({ action: operatorAudit.action }).from(operatorAudit).where(eq(operatorAudit.operatorId, operatorId)).orderBy(operatorAudit.seq);
  return rows.map((r) => r.action);
}

/** The database's own message for a refused statement (drizzle wraps it: `Failed query: …`, cause = the driver's error). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const messages: string[] = [];
    for (let err: unknown = e; err instanceof Error; err = err.cause) messages.push(err.message);
    return messages.join(' / ');
  }
  return 'not refused';
}

describeEachDb('admin: operator sign-in with password and TOTP', (get) => {
  it('signs in with the password and the current code: a short mk_op session that names the operator, and an audit row', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const jar = new MemoryCookieJar();
    const before = Date.now();
    const anon = await get().caller({ ip: '10.1.0.1', cookies: jar });
    const s = await anon.admin.signIn({ email: op.operator.email.toUpperCase(), password: op.password, code: op.codeAt(new Date()) });
    expect(s.operator).toEqual(op.operator);
    expect(s.recoveryCodesLeft).toBe(10);
    expect(Date.parse(s.expiresAt) - before).toBeGreaterThan(3.9 * HOUR_MS);
    expect(Date.parse(s.expiresAt) - before).toBeLessThanOrEqual(4 * HOUR_MS + 60_000);
    const cookie = jar.values.get(OPERATOR_COOKIE);
    expect(cookie).toBeTruthy();
    // only the token's hash is stored
    const stored = await db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.operatorId, op.operator.id));
    expect(stored).toEqual([{ tokenHash: hashToken(cookie ?? '') }]);

    const me = await (await get().caller({ operatorCookie: cookie })).admin.me();
    expect(me.operator).toEqual(op.operator);
    expect(me.expiresAt).toBe(s.expiresAt);
    const [row] = await db.select().from(operatorAudit).where(eq(operatorAudit.operatorId, op.operator.id));
    expect(row).toMatchObject({ action: 'operator.signIn', targetType: 'operator', targetId: op.operator.id, ip: '10.1.0.1' });
  });

  it('answers a wrong password, a wrong code and an unknown email alike, and writes no session and no audit row', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const anon = await get().caller({ ip: '10.1.1.1', cookies: new MemoryCookieJar() });
    const now = new Date();
    const wrongCode = String((Number(op.codeAt(now)) + 1) % 1_000_000).padStart(6, '0');
    const wrongPassword = await failure(anon.admin.signIn({ email: op.operator.email, password: 'not the password', code: op.codeAt(now) }));
    const badCode = await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: wrongCode }));
    const unknown = await failure(anon.admin.signIn({ email: 'nobody@makeries.test', password: op.password, code: op.codeAt(now) }));
    const unusedRecovery = await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: 'abcd-efgh-jk' }));
    for (const f of [wrongPassword, badCode, unknown, unusedRecovery]) {
      expect(f.code).toBe('INVALID_CREDENTIALS');
      expect(f.message).toBe(wrongPassword.message);
    }
    expect(await operatorSessions(db, op.operator.id)).toBe(0);
    expect(await auditActions(db, op.operator.id)).toEqual([]);
    // a code that is not a code is bad input, with a human message
    const bad = await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: '12ab' }));
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toMatch(/6-digit code/);
  });

  it('accepts a code once: the same code again is refused, even right away from elsewhere', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const code = op.codeAt(new Date());
    await (await get().caller({ ip: '10.1.2.1', cookies: new MemoryCookieJar() })).admin.signIn({ email: op.operator.email, password: op.password, code });
    const replay = await failure(
      (await get().caller({ ip: '10.1.2.2', cookies: new MemoryCookieJar() })).admin.signIn({ email: op.operator.email, password: op.password, code }),
    );
    expect(replay.code).toBe('INVALID_CREDENTIALS');
    expect(await operatorSessions(db, op.operator.id)).toBe(1);
  });

  it('lets only one of two simultaneous sign-ins with the same code through', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const code = op.codeAt(new Date());
    const attempt = async (ip: string) =>
      (await get().caller({ ip, cookies: new MemoryCookieJar() })).admin.signIn({ email: op.operator.email, password: op.password, code });
    const results = await Promise.allSettled([attempt('10.1.2.3'), attempt('10.1.2.4')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await operatorSessions(db, op.operator.id)).toBe(1);
    expect(await auditActions(db, op.operator.id)).toEqual(['operator.signIn']);
  });

  it('takes a recovery code once, in any case and with or without dashes, and says how many are left', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const [first = '', second = ''] = op.recoveryCodes;
    expect(first).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2}$/);
    const anon = await get().caller({ ip: '10.1.3.1', cookies: new MemoryCookieJar() });
    const s = await anon.admin.signIn({ email: op.operator.email, password: op.password, code: first.replace(/-/g, '').toUpperCase() });
    expect(s.recoveryCodesLeft).toBe(9);
    expect((await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: first }))).code).toBe('INVALID_CREDENTIALS');
    await expect(anon.admin.signIn({ email: op.operator.email, password: op.password, code: ` ${second.toUpperCase()} ` })).resolves.toHaveProperty('recoveryCodesLeft', 8);
    // another operator's recovery code is no good here
    const other = await createOperatorFixture(db);
    const foreign = await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: other.recoveryCodes[0] ?? '' }));
    expect(foreign.code).toBe('INVALID_CREDENTIALS');
    expect(await auditActions(db, op.operator.id)).toEqual(['operator.signInWithRecoveryCode', 'operator.signInWithRecoveryCode']);
  });

  it('new recovery codes replace the old ones, are shown once and are audited', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const cookie = await operatorSessionCookie(db, op.operator.id);
    const { codes } = await (await get().caller({ operatorCookie: cookie, ip: '10.1.4.1' })).admin.newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const anon = await get().caller({ ip: '10.1.4.2', cookies: new MemoryCookieJar() });
    expect((await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: op.recoveryCodes[0] ?? '' }))).code).toBe('INVALID_CREDENTIALS');
    await expect(anon.admin.signIn({ email: op.operator.email, password: op.password, code: codes[0] ?? '' })).resolves.toHaveProperty('recoveryCodesLeft', 9);
    expect(await auditActions(db, op.operator.id)).toEqual(['operator.newRecoveryCodes', 'operator.signInWithRecoveryCode']);
  });

  it('refuses a disabled operator at sign-in, and its live session stops counting at once', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const cookie = await operatorSessionCookie(db, op.operator.id);
    expect((await (await get().caller({ operatorCookie: cookie })).admin.me()).operator.id).toBe(op.operator.id);
    await db.update(operators).set({ disabledAt: new Date() }).where(eq(operators.id, op.operator.id));
    const after = await get().caller({ operatorCookie: cookie });
    expect((await failure(after.admin.me())).code).toBe('UNAUTHENTICATED');
    const anon = await get().caller({ ip: '10.1.5.1', cookies: new MemoryCookieJar() });
    const refused = await failure(anon.admin.signIn({ email: op.operator.email, password: op.password, code: op.codeAt(new Date()) }));
    expect(refused.code).toBe('INVALID_CREDENTIALS');
    expect(await auditActions(db, op.operator.id)).toEqual([]);
  });

  it('refuses an expired session, and a session that is not an operator session', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const token = 'expired-operator-session-token';
    await db.insert(sessions).values({ id: uuidv7(), tokenHash: hashToken(token), kind: 'operator', operatorId: op.operator.id, expiresAt: new Date(Date.now() - 1000) });
    expect((await failure((await get().caller({ operatorCookie: token })).admin.me())).code).toBe('UNAUTHENTICATED');
    // a customer's session token in the operator cookie is nobody's operator session
    const customer = await createCustomerFixture(db);
    expect((await failure((await get().caller({ operatorCookie: customer.cookie })).admin.me())).code).toBe('UNAUTHENTICATED');
  });

  it('keeps the customer: an operator cookie that does not count leaves the customer session as it was', async () => {
    const { db } = get().database;
    const customer = await createCustomerFixture(db);
    const me = await (await get().caller({ sessionCookie: customer.cookie, operatorCookie: 'no-such-operator-session' })).auth.me();
    expect(me).toMatchObject({ kind: 'customer' });
  });

  it('signs out: the session is gone and the cookie cleared, and the sign-out leaves the customer alone', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    const cookie = await operatorSessionCookie(db, op.operator.id);
    const jar = new MemoryCookieJar();
    jar.set(OPERATOR_COOKIE, cookie);
    await (await get().caller({ operatorCookie: cookie, cookies: jar })).admin.signOut();
    expect(jar.values.has(OPERATOR_COOKIE)).toBe(false);
    expect(await operatorSessions(db, op.operator.id)).toBe(0);
    expect((await failure((await get().caller({ operatorCookie: cookie })).admin.me())).code).toBe('UNAUTHENTICATED');
  });

  it('lets only an operator into the console: anonymous, customer and staff are refused', async () => {
    const { db } = get().database;
    const customer = await createCustomerFixture(db);
    for (const caller of [await get().caller(), await get().caller({ sessionCookie: customer.cookie })]) {
      expect((await failure(caller.admin.me())).code).toBe('UNAUTHENTICATED');
      expect((await failure(caller.admin.audit({}))).code).toBe('UNAUTHENTICATED');
      expect((await failure(caller.admin.newRecoveryCodes())).code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const { db } = get().database;
    const op = await createOperatorFixture(db);
    await (await get().caller({ operatorCookie: await operatorSessionCookie(db, op.operator.id) })).admin.newRecoveryCodes();
    expect(await refusal(queryRows(db, sql`UPDATE operator_audit SET reason = 'rewritten' WHERE operator_id = ${op.operator.id}`))).toMatch(/append-only/);
    expect(await refusal(queryRows(db, sql`DELETE FROM operator_audit WHERE operator_id = ${op.operator.id}`))).toMatch(/append-only/);
    expect(await refusal(queryRows(db, sql`TRUNCATE operator_audit`))).toMatch(/append-only/);
    expect(await auditActions(db, op.operator.id)).toEqual(['operator.newRecoveryCodes']);
  });
});

describeEachDb(
  'admin: operator sign-in is throttled like every sign-in',
  (get) => {
    it('refuses even the right password and code from a place that used up its attempts, and audits nothing for them', async () => {
      const { db } = get().database;
      const op = await createOperatorFixture(db);
      const guesser = await get().caller({ ip: '10.2.0.1', cookies: new MemoryCookieJar() });
      for (let i = 0; i < 3; i++) {
        const f = await failure(guesser.admin.signIn({ email: op.operator.email, password: `guess number ${i}`, code: '000000' }));
        expect(f.code).toBe('INVALID_CREDENTIALS');
      }
      const limited = await failure(guesser.admin.signIn({ email: op.operator.email, password: op.password, code: op.codeAt(new Date()) }));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/try again/i);
      expect(await operatorSessions(db, op.operator.id)).toBe(0);
      // the operator still signs in from elsewhere: guessing is no lockout weapon
      const elsewhere = await get().caller({ ip: '10.2.0.2', cookies: new MemoryCookieJar() });
      await expect(elsewhere.admin.signIn({ email: op.operator.email, password: op.password, code: op.codeAt(new Date()) })).resolves.toHaveProperty('operator');
      expect(await auditActions(db, op.operator.id)).toEqual(['operator.signIn']);
    });

    it('counts a right password with a wrong code as a failed attempt', async () => {
      const { db } = get().database;
      const op = await createOperatorFixture(db);
      const guesser = await get().caller({ ip: '10.2.1.1', cookies: new MemoryCookieJar() });
      for (let i = 0; i < 3; i++) await failure(guesser.admin.signIn({ email: op.operator.email, password: op.password, code: `00000${i}` }));
      expect((await failure(guesser.admin.signIn({ email: op.operator.email, password: op.password, code: op.codeAt(new Date()) }))).code).toBe('RATE_LIMITED');
    });
  },
  { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '900' },
);
