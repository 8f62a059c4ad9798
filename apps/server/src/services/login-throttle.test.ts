import { expect, it } from 'vitest';
import { describeEachDb } from '../test/harness';
import { failure } from '../routers/identity-test-kit';
import { clearAccountFailures, slowDelayMs, throttleLogin, type LoginThrottle } from './login-throttle';

const t0 = new Date('2025-03-01T10:00:00Z'); // a window boundary for 15 minutes and for the hour

describeEachDb('login throttle', (get) => {
  const db = () => get().database.db;
  const delays: number[] = [];
  const rule: LoginThrottle = {
    perPlace: 10,
    perIp: 100,
    windowSeconds: 900,
    accountPerHour: 20,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  /** one failed attempt (a ticket never released), or the RATE_LIMITED refusal */
  const attempt = (email: string, ip: string, s = 0) =>
    throttleLogin(db(), 'test', email, ip, rule, at(s)).then(
      () => 'checked' as const,
      (e: unknown) => (e instanceof Error && 'code' in e ? String(e.code) : 'error'),
    );

  it('an attacker hammering one account from one IP never stops the real person signing in from another', async () => {
    delays.length = 0;
    const results: string[] = [];
    for (let i = 0; i < 30; i++) results.push(await attempt('victim@example.test', '203.0.113.9', i));
    expect(results.slice(0, 10)).toEqual(Array(10).fill('checked'));
    expect(new Set(results.slice(10))).toEqual(new Set(['RATE_LIMITED']));
    // the owner at home: checked at once, no refusal and no wait
    const ticket = await throttleLogin(db(), 'test', 'Victim@Example.test', '198.51.100.7', rule, at(40));
    await ticket.release(db());
    expect(delays).toEqual([]);
  });

  it('rotating IPs get a bounded number of guesses an hour, slowed past the budget, then refused', async () => {
    delays.length = 0;
    const results: string[] = [];
    for (let i = 0; i < 100; i++) results.push(await attempt('rotated@example.test', `192.0.2.${i}`, i * 30));
    const checked = results.filter((r) => r === 'checked').length;
    expect(checked).toBe(40); // the budget of 20, then 20 slowed ones
    expect(results.slice(40)).toEqual(Array(60).fill('RATE_LIMITED'));
    expect(delays).toEqual(Array.from({ length: 20 }, (_, i) => slowDelayMs(i + 1)));
    expect(Math.max(...delays)).toBeLessThanOrEqual(5000);
    // the next hour starts a fresh budget
    expect(await attempt('rotated@example.test', '192.0.2.250', 3600)).toBe('checked');
  });

  it('past the budget, a place where the account signed in before is checked without waiting', async () => {
    delays.length = 0;
    const known = await throttleLogin(db(), 'test', 'home@example.test', '198.51.100.1', rule, at(0));
    await known.release(db());
    for (let i = 0; i < 60; i++) await attempt('home@example.test', `192.0.2.${i}`, i);
    const home = await throttleLogin(db(), 'test', 'home@example.test', '198.51.100.1', rule, at(100));
    await home.release(db());
    expect(delays).toHaveLength(20); // only the strangers waited
  });

  it('a password reset gives the account a fresh budget', async () => {
    for (let i = 0; i < 45; i++) await attempt('reset@example.test', `192.0.2.${i}`, i);
    expect(await attempt('reset@example.test', '192.0.2.200', 50)).toBe('RATE_LIMITED');
    await clearAccountFailures(db(), 'test', 'Reset@example.test');
    expect(await attempt('reset@example.test', '192.0.2.201', 60)).toBe('checked');
  });

  it('limits one IP guessing many accounts, with the time left in the window', async () => {
    const tight = { ...rule, perIp: 3 };
    for (let i = 0; i < 3; i++) await throttleLogin(db(), 'test', `a${i}@example.test`, '203.0.113.50', tight, at(0));
    const refused = await failure(throttleLogin(db(), 'test', 'b@example.test', '203.0.113.50', tight, at(60)));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.message).toBe('Too many attempts from this network. Please wait 14 minutes and try again.');
    expect(refused.details).toEqual({ retryAfterSeconds: 840, retryAt: '2025-03-01T10:15:00.000Z' });
  });

  it('successful sign-ins are handed back and never add up', async () => {
    for (let i = 0; i < 30; i++) {
      const t = await throttleLogin(db(), 'test', 'happy@example.test', '198.51.100.2', rule, at(i));
      await t.release(db());
    }
    expect(await attempt('happy@example.test', '198.51.100.2', 40)).toBe('checked');
  });
});
