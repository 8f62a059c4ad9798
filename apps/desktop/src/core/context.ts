import type Database from 'better-sqlite3';
import type { CounterDb } from './db/open';

export type StaffRole = 'owner' | 'manager' | 'cashier';

export interface SignedInStaff {
  staffId: string;
  name: string;
  role: StaffRole;
  signedInAt: number;
  lastActiveAt: number;
}

/**
 * What every domain module receives. `now` is injectable so tests can step the wall clock (including
 * backwards) without mocking anything; the session is memory-only on purpose: a restart asks for a PIN again.
 */
export interface CoreContext {
  db: CounterDb;
  sqlite: Database.Database;
  now: () => number;
  session: { current: SignedInStaff | null };
  /** set by the sync client; card payments via Stripe are refused while false */
  connectivity: { online: boolean };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

export function nowIso(ctx: Pick<CoreContext, 'now'>): string {
  return isoAt(ctx.now());
}
