import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import pino from 'pino';
import type { Database, Db } from './db/client';
import { devices, operators, sessions, staff } from './db/schema/index';
import type { Env } from './env';
import { onlineProofAge, parseProofHeader, resolveStaffProofs, type ProvenStaff } from './services/staff-proofs';
import { hashToken } from './services/tokens';

export type StaffRole = 'owner' | 'manager' | 'cashier';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'staff'; staffId: string; vendorId: string; role: StaffRole; sessionId: string }
  /** `proven`: the staff whose proofs (header `x-makeries-staff`) came with the request; a device alone proves nobody */
  | { kind: 'device'; deviceId: string; vendorId: string; proven: readonly ProvenStaff[] }
  | { kind: 'customer'; customerId: string; sessionId: string }
  /** the marketplace's operator (issue 17), signed in to /admin with password + TOTP */
  | { kind: 'operator'; operatorId: string; sessionId: string };

/** Where a procedure may set or clear the customer session cookie; the HTTP layer wires it to the reply. */
export interface CookieJar {
  set(name: string, value: string, opts: { expires: Date }): void;
  clear(name: string): void;
}

export const SESSION_COOKIE = 'mk_session';
/**
 * The operator console's session cookie. It only counts on requests that carry OPERATOR_HEADER (the console's API
 * client sets it; a cross-site form cannot) or on the server render of /admin pages, so storefront calls from the
 * same browser stay the customer's.
 */
export const OPERATOR_COOKIE = 'mk_op';
export const OPERATOR_HEADER = 'x-makeries-console';

export interface Context {
  database: Database;
  db: Db;
  /**
   * For search and catalog reads only: the read replica (DATABASE_READ_URL) when the caller is an anonymous visitor
   * who has not just written anything, else the primary. Staff, counters and signed-in customers always read the
   * primary, so everyone reads their own writes; their own data (cart, orders, account) is on `db` anyway.
   */
  readDb: Db;
  env: Env;
  log: Logger;
  actor: Actor;
  ip: string;
  requestId: string;
  cookies: CookieJar;
}

export interface ContextInput {
  database: Database;
  env: Env;
  log?: Logger;
  /** `Authorization: Bearer` token: a staff session or a device token */
  bearer?: string | undefined;
  /** `x-makeries-staff`: a counter's staff proofs (the person acting, the approving manager), comma-separated */
  staffProofs?: string | string[] | undefined;
  /** the customer session cookie value */
  sessionCookie?: string | undefined;
  /** the operator session cookie value (only passed by the HTTP layer when OPERATOR_HEADER came with it) */
  operatorCookie?: string | undefined;
  ip?: string;
  requestId?: string;
  cookies?: CookieJar;
  /** the caller wrote something moments ago (http/read-primary.ts): read the primary even when anonymous */
  readPrimary?: boolean;
}

const silent = pino({ level: 'silent' });

/** Builds a context without any HTTP request, so tests can `createCaller` it directly. */
export async function createContextInner(input: ContextInput): Promise<Context> {
  const { database } = input;
  const actor = (input.operatorCookie ? await resolveOperator(database.db, input.operatorCookie) : null) ?? (await resolveActor(database.db, input.bearer, input.sessionCookie, input.staffProofs));
  const replica = actor.kind === 'anonymous' && input.readPrimary !== true ? database.replica?.db : undefined;
  return {
    database,
    db: database.db,
    readDb: replica ?? database.db,
    env: input.env,
    log: input.log ?? silent,
    actor,
    ip: input.ip ?? '127.0.0.1',
    requestId: input.requestId ?? 'internal',
    cookies: input.cookies ?? { set() {}, clear() {} },
  };
}

/** An operator session: unexpired, of an operator not disabled. Never extended (a short fixed lifetime). */
async function resolveOperator(db: Db, cookie: string): Promise<Actor | null> {
  const [sess] = await db
    .select({ id: sessions.id, operatorId: operators.id })
    .from(sessions)
    .innerJoin(operators, eq(operators.id, sessions.operatorId))
    .where(and(eq(sessions.tokenHash, hashToken(cookie)), eq(sessions.kind, 'operator'), gt(sessions.expiresAt, new Date()), isNull(operators.disabledAt)))
    .limit(1);
  return sess ? { kind: 'operator', operatorId: sess.operatorId, sessionId: sess.id } : null;
}

async function resolveActor(db: Db, bearer?: string, cookie?: string, staffProofs?: string | string[]): Promise<Actor> {
  const now = new Date();
  if (bearer) {
    const tokenHash = hashToken(bearer);
    const [sess] = await db
      .select({ id: sessions.id, staffId: staff.id, vendorId: staff.vendorId, role: staff.role })
      .from(sessions)
      .innerJoin(staff, eq(staff.id, sessions.staffId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          eq(sessions.kind, 'staff'),
          gt(sessions.expiresAt, now),
          // whatever the shop's standing: a pending, rejected or suspended shop's staff still use the back office
          eq(staff.active, true),
        ),
      )
      .limit(1);
    if (sess) return { kind: 'staff', staffId: sess.staffId, vendorId: sess.vendorId, role: sess.role, sessionId: sess.id };
    const [dev] = await db
      .select({ id: devices.id, vendorId: devices.vendorId })
      .from(devices)
      // a suspended shop's counters keep selling offline and syncing: only the storefront stops (issue 17)
      .where(and(eq(devices.tokenHash, tokenHash), isNull(devices.revokedAt)))
      .limit(1);
    if (dev) {
      const device = { deviceId: dev.id, vendorId: dev.vendorId };
      const proven = await resolveStaffProofs(db, device, parseProofHeader(staffProofs), onlineProofAge, now);
      return { kind: 'device', ...device, proven };
    }
  }
  if (cookie) {
    const [sess] = await db
      .select({ id: sessions.id, customerId: sessions.customerId })
      .from(sessions)
      .where(and(eq(sessions.tokenHash, hashToken(cookie)), eq(sessions.kind, 'customer'), gt(sessions.expiresAt, now)))
      .limit(1);
    if (sess?.customerId) return { kind: 'customer', customerId: sess.customerId, sessionId: sess.id };
  }
  return { kind: 'anonymous' };
}
