import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { operators } from '../db/schema/index';
import { loginThrottle } from '../services/login-throttle';
import { operatorSignIn } from '../services/operators/accounts';
import { createOperatorFixture } from '../services/operators/test-kit';
import { hashSecret } from '../services/tokens';
import { failure } from '../routers/identity-test-kit';
import { describeEachDb } from '../test/harness';
import { DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD, demoOperatorCode, demoOperatorLines, seedDemoOperator } from './demo-operator';

describeEachDb('the demo operator (ops@makeries.example)', (get) => {
  it('prints nothing and gives no code before the demo seed made it', async () => {
    const { db } = get().database;
    expect(await demoOperatorLines(db, 'http://localhost:3000')).toEqual([]);
    expect((await failure(demoOperatorCode(db, DEMO_OPERATOR_EMAIL))).code).toBe('FORBIDDEN');
  });

  it('is seeded with the demo password; start prints its TOTP secret and operator:code gives a code that signs in', async () => {
    const { db } = get().database;
    const secret = await seedDemoOperator(db);
    const lines = await demoOperatorLines(db, 'http://localhost:3000/');
    expect(lines[0]).toBe(`Operator console: http://localhost:3000/admin — ${DEMO_OPERATOR_EMAIL} / ${DEMO_OPERATOR_PASSWORD}`);
    expect(lines[1]?.replace(/ /g, '')).toContain(secret);
    expect(lines[2]).toContain('pnpm --filter @makeries/server operator:code -- --email ops@makeries.example');
    const now = new Date();
    const { code, secondsLeft } = await demoOperatorCode(db, DEMO_OPERATOR_EMAIL.toUpperCase(), now);
    expect(secondsLeft).toBeGreaterThan(0);
    expect(secondsLeft).toBeLessThanOrEqual(30);
    const s = await operatorSignIn(db, { email: DEMO_OPERATOR_EMAIL, password: DEMO_OPERATOR_PASSWORD, code }, { ip: '10.4.0.1', requestId: 't', throttle: loginThrottle(get().env), now });
    expect(s.operator.email).toBe(DEMO_OPERATOR_EMAIL);
  });

  it('operator:code refuses any other operator, and the demo one once its password is no longer the demo password', async () => {
    const { db } = get().database;
    const other = await createOperatorFixture(db);
    const refused = await failure(demoOperatorCode(db, other.operator.email));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/only works for the demo operator/);
    await db.update(operators).set({ passwordHash: await hashSecret('a real password now') }).where(eq(operators.email, DEMO_OPERATOR_EMAIL));
    expect((await failure(demoOperatorCode(db, DEMO_OPERATOR_EMAIL))).code).toBe('FORBIDDEN');
    expect(await demoOperatorLines(db, 'http://localhost:3000')).toEqual([]);
  });
});
