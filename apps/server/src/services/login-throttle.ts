import { AppError } from '@makeries/shared';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { rateLimits } from '../db/schema/index';
import type { Env } from '../env';

/**
 * Sign-in throttling that an attacker cannot turn into a lockout of the real person:
 * - per (email, IP): `perPlace` failures per window, then that place is refused for the rest of the window;
 * - per IP: `perIp` attempts per window, whatever the emails (one address guessing many accounts);
 * - per account, across all places: an hourly budget of failures. Over budget, a place that has been failing
 *   for this account is refused, a place where the account signed in before is checked as usual, and any other
 *   place is checked only after a growing delay, for at most another budget of failures in the hour.
 * So one noisy IP never locks the account, and rotating IPs get at most 2 × accountPerHour guesses an hour.
 * A successful sign-in hands back what it counted and marks the place as known; a password reset clears the
 * account's budget (`clearAccountFailures`), since every earlier guess was against the old password.
 */
export interface LoginThrottle {
  perPlace: number;
  perIp: number;
  windowSeconds: number;
  accountPerHour: number;
  /** waits before checking a slowed attempt; tests pass a recorder */
  sleep?: (ms: number) => Promise<void>;
}

export interface LoginTicket {
  release: (db: DbOrTx) => Promise<void>;
}

const HOUR_S = 3600;
const KNOWN_PLACE_S = 30 * 86_400;
const MAX_DELAY_MS = 5_000;

export function loginThrottle(env: Pick<Env, 'LOGIN_RATE_LIMIT' | 'LOGIN_RATE_WINDOW_SECONDS' | 'LOGIN_IP_RATE_LIMIT' | 'LOGIN_ACCOUNT_RATE_LIMIT'>): LoginThrottle {
  return {
    perPlace: env.LOGIN_RATE_LIMIT,
    perIp: env.LOGIN_IP_RATE_LIMIT,
    windowSeconds: env.LOGIN_RATE_WINDOW_SECONDS,
    accountPerHour: env.LOGIN_ACCOUNT_RATE_LIMIT,
  };
}

/** The delay for the n-th attempt over the account budget: 250 ms, 500 ms… at most 5 s. */
export function slowDelayMs(overBudget: number): number {
  return Math.min(MAX_DELAY_MS, 250 * Math.max(1, overBudget));
}

function windowOf(now: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

async function bump(db: DbOrTx, key: string, windowStart: Date): Promise<number> {
  await db.delete(rateLimits).where(and(eq(rateLimits.key, key), lt(rateLimits.windowStart, windowStart)));
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

function limited(windowStart: Date, seconds: number, now: Date, message: string): AppError {
  const retryAt = new Date(windowStart.getTime() + seconds * 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return new AppError('RATE_LIMITED', `${message} Please wait ${wait} and try again.`, {
    details: { retryAfterSeconds, retryAt: retryAt.toISOString() },
  });
}

const keysFor = (scope: string, email: string, ip: string) => {
  const e = email.toLowerCase();
  return { place: `${scope}:place:${e}:${ip}`, ip: `${scope}:ip:${ip}`, account: `${scope}:account:${e}`, known: `${scope}:known:${e}:${ip}` };
};

async function isKnownPlace(db: DbOrTx, key: string, now: Date): Promise<boolean> {
  const since = new Date(windowOf(now, KNOWN_PLACE_S).getTime() - KNOWN_PLACE_S * 1000);
  const rows = await db.select({ key: rateLimits.key }).from(rateLimits).where(and(eq(rateLimits.key, key), gte(rateLimits.windowStart, since))).limit(1);
  return rows.length > 0;
}

/**
 * Counts one sign-in attempt before the password is checked (so parallel guesses cannot slip past a slow hash),
 * refusing with RATE_LIMITED or slowing it as described above. Call `release` on success.
 */
export async function throttleLogin(db: DbOrTx, scope: string, email: string, ip: string, t: LoginThrottle, now: Date = new Date()): Promise<LoginTicket> {
  const k = keysFor(scope, email, ip);
  const win = windowOf(now, t.windowSeconds);
  const hour = windowOf(now, HOUR_S);
  const counts = await db.transaction(async (tx) => ({
    // always this key order, so concurrent attempts lock rows in the same order
    ip: await bump(tx, k.ip, win),
    place: await bump(tx, k.place, win),
  }));
  const release = async (d: DbOrTx) => {
    await d
      .update(rateLimits)
      .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
      .where(
        sql`(${rateLimits.key} = ${k.account} and ${rateLimits.windowStart} = ${hour}) or (${inArray(rateLimits.key, [k.ip, k.place])} and ${rateLimits.windowStart} = ${win})`,
      );
    const knownWindow = windowOf(new Date(), KNOWN_PLACE_S);
    await d.insert(rateLimits).values({ key: k.known, windowStart: knownWindow, count: 1 }).onConflictDoNothing();
  };
  if (counts.place > t.perPlace) throw limited(win, t.windowSeconds, now, 'Too many attempts.');
  if (counts.ip > t.perIp) throw limited(win, t.windowSeconds, now, 'Too many attempts from this network.');
  // only attempts that get this far are checked, so only they spend the account's budget
  const over = (await bump(db, k.account, hour)) - t.accountPerHour;
  if (over > 0 && !(await isKnownPlace(db, k.known, now))) {
    // this place has failed for this account before: it is the one guessing
    if (counts.place > 1) throw limited(win, t.windowSeconds, now, 'Too many attempts.');
    if (over > t.accountPerHour) {
      throw limited(hour, HOUR_S, now, 'This account has had too many failed sign-ins; "Forgot password?" lets you in now.');
    }
    await (t.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))))(slowDelayMs(over));
  }
  return { release };
}

/** After a password reset every earlier guess was against the old password: the account starts a fresh budget. */
export async function clearAccountFailures(db: DbOrTx, scope: string, email: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, `${scope}:account:${email.toLowerCase()}`));
}
