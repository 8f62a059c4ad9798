import { eq } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import { isoAt, type CoreContext, type SignedInStaff, type StaffRole } from '../context';
import { mirrorStaff, pinAttempts } from '../db/schema/index';
import { readSettings } from '../device/settings';
import { parseInput } from '../errors';
import { approvalInput, pinLoginInput, type ApprovalInput, type PinLoginInput } from '../schemas/staff';
import { logActivity } from './activity';
import { verifyPin } from './pin-hash';
import { writeTx } from '../db/open';

const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];

type StaffRow = typeof mirrorStaff.$inferSelect;

function loadStaff(ctx: CoreContext, staffId: string): StaffRow & { pinHash: string } {
  const s = ctx.db.select().from(mirrorStaff).where(eq(mirrorStaff.id, staffId)).get();
  if (!s || !s.active) throw new AppError('INVALID_CREDENTIALS', 'That staff member cannot sign in at this counter.');
  if (!s.pinHash) throw new AppError('INVALID_CREDENTIALS', `${s.name} has no PIN yet. An owner can set one in the back office.`);
  return { ...s, pinHash: s.pinHash };
}

function lockedUntil(ctx: CoreContext, staffId: string): number | null {
  const row = ctx.db.select().from(pinAttempts).where(eq(pinAttempts.staffId, staffId)).get();
  const until = row?.lockedUntil ? Date.parse(row.lockedUntil) : null;
  return until !== null && until > ctx.now() ? until : null;
}

/** Counts a wrong PIN; the Nth in a row locks that staff member out for the configured time. */
function recordFailure(ctx: CoreContext, staff: StaffRow): never {
  const settings = readSettings(ctx.db);
  const now = ctx.now();
  const left = writeTx(ctx.db, () => {
    const row = ctx.db.select().from(pinAttempts).where(eq(pinAttempts.staffId, staff.id)).get();
    const expired = row?.lockedUntil != null && Date.parse(row.lockedUntil) <= now;
    const failures = (expired ? 0 : (row?.failures ?? 0)) + 1;
    const lock = failures >= settings.pinMaxAttempts;
    const values = {
      failures: lock ? 0 : failures,
      lockedUntil: lock ? isoAt(now + settings.pinLockoutSeconds * 1000) : null,
      lastFailureAt: isoAt(now),
    };
    ctx.db.insert(pinAttempts).values({ staffId: staff.id, ...values }).onConflictDoUpdate({ target: pinAttempts.staffId, set: values }).run();
    logActivity(ctx.db, now, staff.id, lock ? 'lockout' : 'login_failed', { failures });
    return lock ? 0 : settings.pinMaxAttempts - failures;
  });
  if (left === 0) {
    throw new AppError('RATE_LIMITED', `Too many wrong PINs: ${staff.name} is locked out for a while. A manager can help.`, {
      details: { retryAfterSeconds: settings.pinLockoutSeconds },
    });
  }
  throw new AppError('INVALID_CREDENTIALS', `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout.`, {
    details: { attemptsLeft: left },
  });
}

/** Checks a PIN against the mirrored hash (offline), with lockout. Returns the staff row on success. */
export async function checkPin(ctx: CoreContext, staffId: string, pin: string): Promise<StaffRow> {
  const staff = loadStaff(ctx, staffId);
  const until = lockedUntil(ctx, staffId);
  if (until !== null) {
    const minutes = Math.max(1, Math.ceil((until - ctx.now()) / 60_000));
    throw new AppError('RATE_LIMITED', `Too many wrong PINs. ${staff.name} can try again in ${minutes} min, or ask a manager.`, {
      details: { retryAt: isoAt(until) },
    });
  }
  if (!(await verifyPin(pin, staff.pinHash))) recordFailure(ctx, staff);
  ctx.db.delete(pinAttempts).where(eq(pinAttempts.staffId, staffId)).run();
  return staff;
}

/**
 * The signed-in staff member, or UNAUTHENTICATED. Also the auto-lock: after the configured idle time the
 * session ends and the next action asks for a PIN.
 */
export function requireStaff(ctx: CoreContext): SignedInStaff {
  const s = ctx.session.current;
  if (!s) throw new AppError('UNAUTHENTICATED', 'Sign in with your PIN first.');
  const { autoLockSeconds } = readSettings(ctx.db);
  const now = ctx.now();
  if (autoLockSeconds > 0 && now - s.lastActiveAt > autoLockSeconds * 1000) {
    ctx.session.current = null;
    logActivity(ctx.db, now, s.staffId, 'auto_lock');
    throw new AppError('UNAUTHENTICATED', 'The counter locked itself after a quiet spell. Sign in with your PIN.');
  }
  s.lastActiveAt = now;
  return s;
}

export function isManager(role: StaffRole): boolean {
  return MANAGERS.includes(role);
}

/**
 * Manager override: the signed-in staff may do `action` themselves if they are a manager or owner;
 * otherwise a manager's PIN must come with the request. Returns who approved it.
 */
export async function approve(ctx: CoreContext, approval: ApprovalInput | undefined, action: string): Promise<string> {
  const me = requireStaff(ctx);
  if (isManager(me.role)) return me.staffId;
  if (!approval) {
    throw new AppError('FORBIDDEN', `A manager's PIN is needed to ${action}.`, { details: { needsApproval: true, action } });
  }
  const a = parseInput(approvalInput, approval);
  const approver = await checkPin(ctx, a.staffId, a.pin);
  if (!isManager(approver.role)) {
    throw new AppError('FORBIDDEN', `${approver.name} is not a manager, so cannot approve this.`, { details: { needsApproval: true, action } });
  }
  logActivity(ctx.db, ctx.now(), approver.id, 'override', { action, for: me.staffId });
  return approver.id;
}

export function createStaffModule(ctx: CoreContext) {
  return {
    /** Active staff who can sign in here, for the PIN screen's picker. */
    list() {
      return ctx.db
        .select({ id: mirrorStaff.id, name: mirrorStaff.name, role: mirrorStaff.role, hasPin: mirrorStaff.pinHash })
        .from(mirrorStaff)
        .where(eq(mirrorStaff.active, true))
        .orderBy(mirrorStaff.name)
        .all()
        .map((s) => ({ id: s.id, name: s.name, role: s.role, hasPin: s.hasPin !== null }));
    },

    async login(input: PinLoginInput): Promise<SignedInStaff> {
      const p = parseInput(pinLoginInput, input);
      const staff = await checkPin(ctx, p.staffId, p.pin);
      const now = ctx.now();
      ctx.session.current = { staffId: staff.id, name: staff.name, role: staff.role, signedInAt: now, lastActiveAt: now };
      logActivity(ctx.db, now, staff.id, 'login');
      return { ...ctx.session.current };
    },

    logout(): void {
      const s = ctx.session.current;
      ctx.session.current = null;
      if (s) logActivity(ctx.db, ctx.now(), s.staffId, 'logout');
    },

    /** The signed-in staff member, or null if nobody is (or the counter auto-locked). */
    current(): SignedInStaff | null {
      try {
        return { ...requireStaff(ctx) };
      } catch (e) {
        if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return null;
        throw e;
      }
    },
  };
}

export type StaffModule = ReturnType<typeof createStaffModule>;
