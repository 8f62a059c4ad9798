import { AppError } from '@makeries/shared';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { rateLimits } from '../db/schema/index';
import type { Env } from '../env';

export interface RateLimitRule {
  /** attempts allowed per key per window */
  limit: number;
  windowSeconds: number;
}

/** What `consumeRateLimit` counted, so a successful attempt can be handed back with `releaseRateLimit`. */
export interface RateLimitTicket {
  keys: string[];
  windowStart: Date;
}

export function loginRateRule(env: Pick<Env, 'LOGIN_RATE_LIMIT' | 'LOGIN_RATE_WINDOW_SECONDS'>): RateLimitRule {
  return { limit: env.LOGIN_RATE_LIMIT, windowSeconds: env.LOGIN_RATE_WINDOW_SECONDS };
}

/**
 * Counts one attempt against every key in the current fixed window, before the attempt is checked. Counting
 * first (atomically, in the database) means parallel guesses cannot all slip through while a slow password
 * hash runs; a successful attempt gives its count back via `releaseRateLimit`, so only failures add up.
 * Throws RATE_LIMITED once any key is over the limit, whatever the attempt would have done.
 */
export async function consumeRateLimit(
  db: DbOrTx,
  keys: string[],
  rule: RateLimitRule,
  now: Date = new Date(),
): Promise<RateLimitTicket> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  // sorted, so concurrent attempts sharing keys lock their rows in the same order and cannot deadlock
  const unique = [...new Set(keys)].sort();
  const counts = await db.transaction(async (tx) => {
    // old windows of these keys are dead weight: clear them as we go
    await tx.delete(rateLimits).where(and(inArray(rateLimits.key, unique), lt(rateLimits.windowStart, windowStart)));
    return tx
      .insert(rateLimits)
      .values(unique.map((key) => ({ key, windowStart, count: 1 })))
      .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
      .returning({ count: rateLimits.count });
  });
  if (counts.some((c) => c.count > rule.limit)) {
    const retryAt = new Date(windowStart.getTime() + windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', `Too many attempts. Please wait ${describeWait(retryAfterSeconds)} and try again.`, {
      details: { retryAfterSeconds, retryAt: retryAt.toISOString() },
    });
  }
  return { keys: unique, windowStart };
}

/** Hands back the attempt a success consumed, so successful sign-ins never lock anyone out. */
export async function releaseRateLimit(db: DbOrTx, ticket: RateLimitTicket): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(inArray(rateLimits.key, ticket.keys), eq(rateLimits.windowStart, ticket.windowStart)));
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
