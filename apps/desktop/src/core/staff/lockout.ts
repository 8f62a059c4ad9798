import { eq } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { pinAttempts } from '../db/schema/index';
import { readSettings } from '../device/settings';
import { writeTx } from '../db/open';
import { logActivity } from './activity';

/*
 * Wrong-PIN counters, kept in pin_attempts so a restart resets nothing. Two kinds of row:
 * - one per staff member, for a PIN typed for a named person (a shared PIN's second step, an approval naming
 *   the manager): cleared when that person gets their PIN right;
 * - one for the whole counter (DEVICE_KEY): a PIN typed alone that matches nobody cannot be blamed on anyone,
 *   so it counts here. Every wrong PIN counts here, and a right PIN never clears it (knowing one PIN must not
 *   buy more guesses at the others); a count is forgotten after the lockout time passes with no wrong PIN.
 * While the counter is locked no PIN is checked at all, so guessing is throttled however it is attempted.
 */

/** Not a UUID, so never a staff id. */
export const DEVICE_KEY = 'device';

export interface FailureCount {
  locked: boolean;
  /** wrong PINs left before a lockout (0 when locked) */
  left: number;
}

function minutesUntil(ctx: CoreContext, until: number): number {
  return Math.max(1, Math.ceil((until - ctx.now()) / 60_000));
}

function lockedUntil(ctx: CoreContext, key: string): number | null {
  const row = ctx.db.select().from(pinAttempts).where(eq(pinAttempts.staffId, key)).get();
  const until = row?.lockedUntil ? Date.parse(row.lockedUntil) : null;
  return until !== null && until > ctx.now() ? until : null;
}

/** RATE_LIMITED while this counter is locked after too many wrong PINs. */
export function assertCounterNotLocked(ctx: CoreContext): void {
  const until = lockedUntil(ctx, DEVICE_KEY);
  if (until === null) return;
  throw new AppError('RATE_LIMITED', `Too many wrong PINs on this counter. Try again in ${minutesUntil(ctx, until)} min.`, {
    details: { retryAt: isoAt(until), scope: 'counter' },
  });
}

/** RATE_LIMITED while this person is locked out after too many wrong PINs typed for them. */
export function assertPersonNotLocked(ctx: CoreContext, staff: { id: string; name: string }): void {
  const until = lockedUntil(ctx, staff.id);
  if (until === null) return;
  throw new AppError('RATE_LIMITED', `Too many wrong PINs. ${staff.name} can try again in ${minutesUntil(ctx, until)} min, or ask a manager.`, {
    details: { retryAt: isoAt(until), scope: 'person' },
  });
}

export function clearFailures(ctx: CoreContext, key: string): void {
  ctx.db.delete(pinAttempts).where(eq(pinAttempts.staffId, key)).run();
}

/** Counts one wrong PIN against `key` (a staff id or DEVICE_KEY); the Nth in a row locks it. */
export function countFailure(ctx: CoreContext, key: string): FailureCount {
  const settings = readSettings(ctx.db);
  const now = ctx.now();
  const lockoutMs = settings.pinLockoutSeconds * 1000;
  const device = key === DEVICE_KEY;
  return writeTx(ctx.db, () => {
    const row = ctx.db.select().from(pinAttempts).where(eq(pinAttempts.staffId, key)).get();
    const lockOver = row?.lockedUntil != null && Date.parse(row.lockedUntil) <= now;
    const stale = device && row?.lastFailureAt != null && now - Date.parse(row.lastFailureAt) > lockoutMs;
    const failures = (lockOver || stale ? 0 : (row?.failures ?? 0)) + 1;
    const locked = failures >= settings.pinMaxAttempts;
    const values = {
      failures: locked ? 0 : failures,
      lockedUntil: locked ? isoAt(now + lockoutMs) : null,
      lastFailureAt: isoAt(now),
    };
    ctx.db.insert(pinAttempts).values({ staffId: key, ...values }).onConflictDoUpdate({ target: pinAttempts.staffId, set: values }).run();
    logActivity(ctx.db, now, device ? null : key, locked ? 'lockout' : 'login_failed', { failures, scope: device ? 'counter' : 'person' });
    return { locked, left: locked ? 0 : settings.pinMaxAttempts - failures };
  });
}

/** The error for a wrong PIN once it has been counted. */
export function wrongPinError(ctx: CoreContext, count: FailureCount, lockedName: string | null): AppError {
  const { pinLockoutSeconds } = readSettings(ctx.db);
  if (count.locked) {
    const minutes = Math.max(1, Math.ceil(pinLockoutSeconds / 60));
    const message = lockedName
      ? `Too many wrong PINs: ${lockedName} is locked out for ${minutes} min. A manager can help.`
      : `Too many wrong PINs: this counter is locked for ${minutes} min. Try again after that.`;
    return new AppError('RATE_LIMITED', message, {
      details: { retryAfterSeconds: pinLockoutSeconds, scope: lockedName ? 'person' : 'counter' },
    });
  }
  const left = count.left;
  return new AppError('INVALID_CREDENTIALS', `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout.`, {
    details: { attemptsLeft: left },
  });
}
