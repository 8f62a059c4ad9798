import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rateLimits } from '../db/schema/index';
import { describeEachDb } from '../test/harness';
import { failure } from '../routers/identity-test-kit';
import { consumeRateLimit, releaseRateLimit } from './rate-limit';

const rule = { limit: 2, windowSeconds: 60 };
const t0 = new Date('2025-03-01T10:00:00Z'); // a window boundary

describeEachDb('rate limit (fixed window)', (get) => {
  const db = () => get().database.db;

  it('allows the limit, then refuses with the time left in the window, then resets next window', async () => {
    await consumeRateLimit(db(), ['a'], rule, t0);
    await consumeRateLimit(db(), ['a'], rule, new Date(t0.getTime() + 10_000));
    const refused = await failure(consumeRateLimit(db(), ['a'], rule, new Date(t0.getTime() + 15_000)));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.message).toBe('Too many attempts. Please wait 45 seconds and try again.');
    expect(refused.details).toEqual({ retryAfterSeconds: 45, retryAt: '2025-03-01T10:01:00.000Z' });
    // the next window starts clean, and the stale window row is cleared away
    await expect(consumeRateLimit(db(), ['a'], rule, new Date(t0.getTime() + 60_000))).resolves.toBeTruthy();
    const rows = await db().select().from(rateLimits).where(eq(rateLimits.key, 'a'));
    expect(rows.map((r) => [r.windowStart.toISOString(), r.count])).toEqual([['2025-03-01T10:01:00.000Z', 1]]);
  });

  it('refuses when any one of the keys is over, and counts each key separately', async () => {
    await consumeRateLimit(db(), ['email:x', 'ip:1'], rule, t0);
    await consumeRateLimit(db(), ['email:y', 'ip:1'], rule, t0);
    expect((await failure(consumeRateLimit(db(), ['email:z', 'ip:1'], rule, t0))).code).toBe('RATE_LIMITED');
    await expect(consumeRateLimit(db(), ['email:x', 'ip:2'], rule, t0)).resolves.toBeTruthy();
  });

  it('gives a released attempt back, so only failures use up the limit', async () => {
    for (let i = 0; i < 5; i++) await releaseRateLimit(db(), await consumeRateLimit(db(), ['ok'], rule, t0));
    const [row] = await db()
      .select()
      .from(rateLimits)
      .where(and(eq(rateLimits.key, 'ok'), eq(rateLimits.windowStart, t0)));
    expect(row?.count).toBe(0);
  });

  it('counts parallel attempts exactly', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => consumeRateLimit(db(), ['burst'], rule, t0)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
  });

  it('words longer waits in minutes', async () => {
    const long = { limit: 1, windowSeconds: 900 };
    await consumeRateLimit(db(), ['m'], long, t0);
    const refused = await failure(consumeRateLimit(db(), ['m'], long, new Date(t0.getTime() + 30_000)));
    expect(refused.message).toBe('Too many attempts. Please wait 15 minutes and try again.');
  });
});
