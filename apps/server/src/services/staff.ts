import { AppError, uuidv7, type StaffCreateInput, type StaffUpdateInput, type StaffVerifyPinInput } from '@makeries/shared';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { StaffRole } from '../context';
import type { DbOrTx } from '../db/client';
import { sessions, staff } from '../db/schema/index';
import { consumeRateLimit, releaseRateLimit, type RateLimitRule } from './rate-limit';
import { endStaffProofs } from './staff-proofs';
import { isUniqueViolation } from '../db/errors';
import { hashSecret, verifySecret } from './tokens';

type StaffRow = typeof staff.$inferSelect;

export interface StaffProfile {
  id: string;
  vendorId: string;
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  hasPin: boolean;
  createdAt: string;
}

/** The staff member acting, as the routers know them. */
export interface StaffActor {
  vendorId: string;
  staffId: string;
  role: StaffRole;
  sessionId: string;
}

export function toStaffProfile(row: StaffRow): StaffProfile {
  return {
    id: row.id,
    vendorId: row.vendorId,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    hasPin: row.pinHash !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Owners manage managers and cashiers; managers manage cashiers. Nobody grants or removes ownership here. */
const MANAGES: Record<StaffRole, readonly StaffRole[]> = { owner: ['manager', 'cashier'], manager: ['cashier'], cashier: [] };

function forbidManage(actor: StaffRole, target: StaffRole): never {
  const allowed = MANAGES[actor];
  const message =
    allowed.length === 0
      ? 'Only an owner or manager can manage staff.'
      : `As ${actor === 'owner' ? 'an owner' : 'a manager'} you can manage ${allowed.join(' and ')} accounts, not ${target} accounts.`;
  throw new AppError('FORBIDDEN', message);
}

export async function getStaffProfile(db: DbOrTx, staffId: string): Promise<StaffProfile> {
  const [row] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that staff member.');
  return toStaffProfile(row);
}

export async function listStaff(db: DbOrTx, vendorId: string): Promise<StaffProfile[]> {
  const rows = await db
    .select()
    .from(staff)
    .where(eq(staff.vendorId, vendorId))
    .orderBy(sql`case ${staff.role} when 'owner' then 0 when 'manager' then 1 else 2 end`, asc(staff.name), asc(staff.id));
  return rows.map(toStaffProfile);
}

/** The vendor's staff row, locked for the rest of the transaction; another vendor's staff reads as not found. */
async function lockStaffOfVendor(tx: DbOrTx, vendorId: string, staffId: string): Promise<StaffRow> {
  const [row] = await tx
    .select()
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.vendorId, vendorId)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that staff member.');
  return row;
}

async function assertEmailFree(tx: DbOrTx, email: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(sql`lower(${staff.email}) = ${email.toLowerCase()}`, exceptId ? ne(staff.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw duplicateEmail();
}

function duplicateEmail(): AppError {
  return new AppError('DUPLICATE', 'That email already belongs to a staff account. Use another email.', {
    details: { field: 'email' },
  });
}

export async function createStaff(db: DbOrTx, actor: StaffActor, input: StaffCreateInput): Promise<StaffProfile> {
  if (!MANAGES[actor.role].includes(input.role)) forbidManage(actor.role, input.role);
  const pinHash = input.pin === undefined ? null : await hashSecret(input.pin);
  const passwordHash = input.role === 'manager' ? await hashSecret(input.password) : null;
  const email = input.role === 'manager' ? input.email : null;
  const [row] = await db
    .insert(staff)
    .values({ id: uuidv7(), vendorId: actor.vendorId, name: input.name, role: input.role, email, passwordHash, pinHash })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateEmail();
  return toStaffProfile(row);
}

/** Hashes computed before the transaction (scrypt is slow) for the fields being set. */
interface StaffChanges {
  name?: string;
  role?: StaffRole;
  email?: string | null;
  passwordHash?: string | null;
  pinHash?: string;
}

export async function updateStaff(db: DbOrTx, actor: StaffActor, input: StaffUpdateInput): Promise<StaffProfile> {
  const hashes = {
    pinHash: input.pin === undefined ? undefined : await hashSecret(input.pin),
    passwordHash: input.password === undefined ? undefined : await hashSecret(input.password),
  };
  try {
    const row = await db.transaction(async (tx) => {
      const target = await lockStaffOfVendor(tx, actor.vendorId, input.staffId);
      const changes = planStaffChanges(actor, target, input, hashes);
      if (changes.email) await assertEmailFree(tx, changes.email, target.id);
      const [updated] = await tx.update(staff).set(changes).where(eq(staff.id, target.id)).returning();
      if (losesBackOffice(target, changes)) await endSessions(tx, target.id, target.id === actor.staffId ? actor.sessionId : undefined);
      // counters must check the new PIN (or learn the new role) before the person's proofs count again
      if (changes.pinHash !== undefined || changes.role !== target.role) await endStaffProofs(tx, target.id);
      return updated ?? target;
    });
    return toStaffProfile(row);
  } catch (e) {
    // two concurrent edits to the same email: the unique index decides, the user sees the same message
    if (isUniqueViolation(e)) throw duplicateEmail();
    throw e;
  }
}

/** Applies the role rules to one edit and returns the columns to write. */
function planStaffChanges(
  actor: StaffActor,
  target: StaffRow,
  input: StaffUpdateInput,
  hashes: { pinHash: string | undefined; passwordHash: string | undefined },
): StaffChanges {
  const self = target.id === actor.staffId;
  if (!self && !MANAGES[actor.role].includes(target.role) && !(actor.role === 'owner' && target.role === 'owner')) {
    forbidManage(actor.role, target.role);
  }
  const role = input.role ?? target.role;
  if (role !== target.role) {
    if (self) throw new AppError('FORBIDDEN', 'You cannot change your own role. Ask the owner.');
    if (!MANAGES[actor.role].includes(target.role) || !MANAGES[actor.role].includes(role)) forbidManage(actor.role, role);
  }
  const changes: StaffChanges = { name: input.name, role, pinHash: hashes.pinHash };
  if (role === 'cashier') {
    if (input.email !== undefined || input.password !== undefined) {
      throw new AppError('BAD_INPUT', 'Cashiers sign in with a PIN only: leave email and password empty.');
    }
    if (!hashes.pinHash && !target.pinHash) throw new AppError('BAD_INPUT', 'Set a PIN: cashiers sign in at the counter with it.');
    // a cashier has no back-office sign-in
    return { ...changes, email: null, passwordHash: null };
  }
  const email = input.email ?? target.email;
  const passwordHash = hashes.passwordHash ?? target.passwordHash;
  if (!email || !passwordHash) {
    throw new AppError('BAD_INPUT', `A ${role} signs in with email and password: set both.`);
  }
  return { ...changes, email: input.email, passwordHash: hashes.passwordHash };
}

/** A demotion to cashier or a new password ends the back-office sessions the old credentials opened. */
function losesBackOffice(target: StaffRow, changes: StaffChanges): boolean {
  return (changes.role === 'cashier' && target.role !== 'cashier') || (changes.passwordHash !== undefined && changes.passwordHash !== null);
}

async function endSessions(tx: DbOrTx, staffId: string, keepSessionId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(and(eq(sessions.staffId, staffId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

/**
 * Deactivated staff can no longer sign in and their open sessions end at once. Managers may deactivate
 * cashiers; owners anyone, but a shop always keeps one active owner.
 */
export async function deactivateStaff(db: DbOrTx, actor: StaffActor, staffId: string): Promise<StaffProfile> {
  const row = await db.transaction(async (tx) => {
    const target = await lockStaffOfVendor(tx, actor.vendorId, staffId);
    if (actor.role !== 'owner' && !MANAGES[actor.role].includes(target.role)) forbidManage(actor.role, target.role);
    if (!target.active) return target;
    if (target.role === 'owner') {
      // lock every active owner so two owners cannot deactivate each other at the same moment
      const owners = await tx
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.vendorId, actor.vendorId), eq(staff.role, 'owner'), eq(staff.active, true)))
        .for('update');
      if (owners.length <= 1) {
        throw new AppError('CONFLICT', 'This is the only active owner of the shop, so it cannot be deactivated.');
      }
    }
    const [updated] = await tx.update(staff).set({ active: false }).where(eq(staff.id, target.id)).returning();
    await endSessions(tx, target.id);
    await endStaffProofs(tx, target.id);
    return updated ?? target;
  });
  return toStaffProfile(row);
}

export interface VerifiedPin {
  staffId: string;
  name: string;
  role: StaffRole;
}

/** A counter checks a staff PIN online; wrong PINs are throttled per staff member like passwords. */
export async function verifyStaffPin(
  db: DbOrTx,
  vendorId: string,
  input: StaffVerifyPinInput,
  rule: RateLimitRule,
): Promise<VerifiedPin> {
  const ticket = await consumeRateLimit(db, [`pin:staff:${input.staffId}`], rule);
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.id, input.staffId), eq(staff.vendorId, vendorId), eq(staff.active, true)));
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that staff member at this shop.');
  if (!row.pinHash) throw new AppError('INVALID_CREDENTIALS', 'No PIN is set for this person yet. Ask a manager to set one.');
  if (!(await verifySecret(input.pin, row.pinHash))) throw new AppError('INVALID_CREDENTIALS', 'Wrong PIN. Please try again.');
  await releaseRateLimit(db, ticket);
  return { staffId: row.id, name: row.name, role: row.role };
}

