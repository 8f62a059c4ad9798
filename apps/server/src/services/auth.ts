import { AppError, uuidv7, type CustomerLoginInput, type StaffLoginInput } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../context';
import type { DbOrTx } from '../db/client';
import { sessions, staff } from '../db/schema/index';
import { findCustomerByEmail, getCustomerProfile, toCustomerProfile, type CustomerProfile } from './customers';
import { getDeviceProfile, type DeviceProfile } from './devices';
import { throttleLogin, type LoginThrottle } from './login-throttle';
import { getStaffProfile, toStaffProfile, type StaffProfile } from './staff';
import { hashSecret, hashToken, newToken, verifySecret } from './tokens';
import { getVendorProfile, type VendorProfile } from './vendors';

const SESSION_TTL_MS = 30 * 86_400_000;

export interface NewSession {
  /** the bearer token or cookie value, shown once; only its hash is stored */
  token: string;
  expiresAt: Date;
}

export type SessionOwner = { kind: 'staff'; staffId: string } | { kind: 'customer'; customerId: string };

export async function createSession(db: DbOrTx, owner: SessionOwner, now: Date = new Date()): Promise<NewSession> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: uuidv7(),
    tokenHash: hashToken(token),
    kind: owner.kind,
    staffId: owner.kind === 'staff' ? owner.staffId : null,
    customerId: owner.kind === 'customer' ? owner.customerId : null,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export interface LoginOptions {
  ip: string;
  throttle: LoginThrottle;
}

const BAD_LOGIN = "That email and password don't match an account. Check them and try again.";

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash, or against a throwaway hash when there is no account, so an
 * unknown email costs the same time as a wrong password and does not reveal which emails exist.
 */
export async function passwordMatches(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored) return verifySecret(password, stored);
  dummyHash ??= hashSecret('no account has this password');
  await verifySecret(password, await dummyHash);
  return false;
}

export interface StaffLoginResult {
  /** the bearer token, shown once */
  token: string;
  expiresAt: string;
  staff: StaffProfile;
  vendor: VendorProfile;
}

/** Owners and managers sign in to the back office; a 30-day bearer session. */
export async function staffLogin(db: DbOrTx, input: StaffLoginInput, opts: LoginOptions): Promise<StaffLoginResult> {
  const ticket = await throttleLogin(db, 'staff-login', input.email, opts.ip, opts.throttle);
  const [row] = await db
    .select()
    .from(staff)
    .where(sql`lower(${staff.email}) = ${input.email.toLowerCase()}`)
    .limit(1);
  const ok = await passwordMatches(input.password, row?.active ? row.passwordHash : null);
  if (!row || !ok) throw new AppError('INVALID_CREDENTIALS', BAD_LOGIN);
  // whatever the shop's standing: the back office shows a pending, rejected or suspended shop's banner (issue 17)
  const vendor = await getVendorProfile(db, row.vendorId);
  const session = await createSession(db, { kind: 'staff', staffId: row.id });
  await ticket.release(db);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), staff: toStaffProfile(row), vendor };
}

export interface CustomerSessionResult extends NewSession {
  customer: CustomerProfile;
}

export async function customerLogin(db: DbOrTx, input: CustomerLoginInput, opts: LoginOptions): Promise<CustomerSessionResult> {
  const ticket = await throttleLogin(db, 'customer-login', input.email, opts.ip, opts.throttle);
  const row = await findCustomerByEmail(db, input.email);
  const ok = await passwordMatches(input.password, row?.passwordHash);
  if (!row || !ok) throw new AppError('INVALID_CREDENTIALS', BAD_LOGIN);
  const session = await createSession(db, { kind: 'customer', customerId: row.id });
  await ticket.release(db);
  return { ...session, customer: toCustomerProfile(row) };
}

/** Who is calling, with their profile: what a client needs to render its signed-in state. */
export type Me =
  | { kind: 'anonymous' }
  | { kind: 'staff'; staff: StaffProfile; vendor: VendorProfile }
  | { kind: 'device'; device: DeviceProfile; vendor: VendorProfile }
  | { kind: 'customer'; customer: CustomerProfile };

export async function describeActor(db: DbOrTx, actor: Actor): Promise<Me> {
  switch (actor.kind) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'staff':
      return { kind: 'staff', staff: await getStaffProfile(db, actor.staffId), vendor: await getVendorProfile(db, actor.vendorId) };
    case 'device':
      return { kind: 'device', device: await getDeviceProfile(db, actor.deviceId), vendor: await getVendorProfile(db, actor.vendorId) };
    case 'customer':
      return { kind: 'customer', customer: await getCustomerProfile(db, actor.customerId) };
    case 'operator':
      // the storefront and the counters have no operator view: the console describes its operator with admin.me
      return { kind: 'anonymous' };
  }
}
