import { and, eq, isNotNull } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import { type CoreContext, type SignedInStaff, type StaffRole } from '../context';
import { mirrorStaff } from '../db/schema/index';
import { readSettings } from '../device/settings';
import { parseInput } from '../errors';
import { approvalInput, pinLoginInput, pinUnlockInput, type ApprovalInput, type PinLoginInput, type PinUnlockInput } from '../schemas/staff';
import { logActivity } from './activity';
import { assertCounterNotLocked, assertPersonNotLocked, clearFailures, countFailure, DEVICE_KEY, wrongPinError } from './lockout';
import { pinOpens, whoseHashOpens } from './pin-match';
import { acquireProof } from './proofs';

const MANAGERS: readonly StaffRole[] = ['owner', 'manager'];

type StaffRow = typeof mirrorStaff.$inferSelect;

function loadStaff(ctx: CoreContext, staffId: string): StaffRow & { pinHash: string } {
  const s = ctx.db.select().from(mirrorStaff).where(eq(mirrorStaff.id, staffId)).get();
  if (!s || !s.active) throw new AppError('INVALID_CREDENTIALS', 'That staff member cannot sign in at this counter.');
  if (!s.pinHash) throw new AppError('INVALID_CREDENTIALS', `${s.name} has no PIN yet. An owner can set one in the back office.`);
  return { ...s, pinHash: s.pinHash };
}

type PinStaff = StaffRow & { pinHash: string };

/** Active staff with a PIN: who a PIN typed alone could belong to. */
function staffWithPins(ctx: CoreContext): PinStaff[] {
  return ctx.db
    .select()
    .from(mirrorStaff)
    .where(and(eq(mirrorStaff.active, true), isNotNull(mirrorStaff.pinHash)))
    .orderBy(mirrorStaff.name)
    .all()
    .flatMap((s) => (s.pinHash ? [{ ...s, pinHash: s.pinHash }] : []));
}

/**
 * Checks a PIN typed for a named person (offline, against the mirrored hash). A wrong one counts against
 * that person and against the counter. Returns the staff row on success.
 */
async function checkPin(ctx: CoreContext, staffId: string, pin: string): Promise<StaffRow> {
  const staff = loadStaff(ctx, staffId);
  assertCounterNotLocked(ctx);
  assertPersonNotLocked(ctx, staff);
  if (!(await pinOpens(pin, staff.pinHash))) {
    const person = countFailure(ctx, staff.id);
    const counter = countFailure(ctx, DEVICE_KEY);
    if (person.locked) throw wrongPinError(ctx, person, staff.name);
    throw wrongPinError(ctx, counter.locked || counter.left < person.left ? counter : person, null);
  }
  clearFailures(ctx, staff.id);
  return staff;
}

/**
 * Whose PIN is this? Checked against every active staff member's hash. A PIN that opens none counts against
 * the counter (it names nobody), so guessing stays throttled. Usually one person; two or more share the PIN.
 */
async function identifyByPin(ctx: CoreContext, pin: string): Promise<StaffRow[]> {
  assertCounterNotLocked(ctx);
  const matches = await whoseHashOpens(pin, staffWithPins(ctx));
  if (matches.length === 0) throw wrongPinError(ctx, countFailure(ctx, DEVICE_KEY), null);
  return matches;
}

/** A staff member the PIN opened: still refused while they are locked out personally. */
function acceptMatch(ctx: CoreContext, staff: StaffRow): StaffRow {
  assertPersonNotLocked(ctx, staff);
  clearFailures(ctx, staff.id);
  return staff;
}

interface StaffChoice {
  id: string;
  name: string;
  role: StaffRole;
}

function choiceOf(s: StaffRow): StaffChoice {
  return { id: s.id, name: s.name, role: s.role };
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
  const approver = a.staffId ? await checkPin(ctx, a.staffId, a.pin) : await managerByPin(ctx, a.pin, action);
  if (!isManager(approver.role)) {
    throw new AppError('FORBIDDEN', `${approver.name} is not a manager, so cannot approve this.`, { details: { needsApproval: true, action } });
  }
  acquireProof(ctx, approver.id, a.pin);
  logActivity(ctx.db, ctx.now(), approver.id, 'override', { action, for: me.staffId });
  return approver.id;
}

/**
 * An approval by PIN alone, the same rule as unlocking: the PIN finds the manager. A PIN that opens only a
 * cashier's hash is that cashier (refused as not a manager); one shared by several managers asks which.
 */
async function managerByPin(ctx: CoreContext, pin: string, action: string): Promise<StaffRow> {
  const matches = await identifyByPin(ctx, pin);
  const managers = matches.filter((s) => isManager(s.role));
  if (managers.length > 1) {
    throw new AppError('CONFLICT', 'That PIN belongs to more than one manager: tap your name, then type your PIN again.', {
      details: { needsApproval: true, action, choose: managers.map(choiceOf) },
    });
  }
  const approver = managers[0] ?? matches[0];
  if (!approver) throw new AppError('INVALID_CREDENTIALS', 'Wrong PIN.');
  return acceptMatch(ctx, approver);
}

/** Signed in, or (a shared PIN) nobody yet and the names to choose from. */
export interface UnlockResult {
  signedIn: SignedInStaff | null;
  choose: StaffChoice[];
}

export function createStaffModule(ctx: CoreContext) {
  const signIn = (staff: StaffRow, pin: string): SignedInStaff => {
    // the marketplace's proof of this PIN, for the calls and edits that need this person's role (background)
    acquireProof(ctx, staff.id, pin);
    const now = ctx.now();
    ctx.session.current = { staffId: staff.id, name: staff.name, role: staff.role, signedInAt: now, lastActiveAt: now };
    logActivity(ctx.db, now, staff.id, 'login');
    return { ...ctx.session.current };
  };

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

    /** Sign in as a named person with their PIN (the second step when a PIN is shared). */
    async login(input: PinLoginInput): Promise<SignedInStaff> {
      const p = parseInput(pinLoginInput, input);
      return signIn(await checkPin(ctx, p.staffId, p.pin), p.pin);
    },

    /** Sign in by PIN alone: the PIN says who it is; a PIN two people share answers with their names instead. */
    async unlock(input: PinUnlockInput): Promise<UnlockResult> {
      const p = parseInput(pinUnlockInput, input);
      const matches = await identifyByPin(ctx, p.pin);
      const only = matches.length === 1 ? matches[0] : undefined;
      if (only) return { signedIn: signIn(acceptMatch(ctx, only), p.pin), choose: [] };
      return { signedIn: null, choose: matches.map(choiceOf) };
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
