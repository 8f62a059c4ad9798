import { AppError, type ErrorCode, type ErrorIssue } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { queryRows, type DbOrTx } from '../db/client';
import type { Caller } from '../test/harness';

/**
 * Helpers for the identity and vendor router tests (auth, vendors, staff, devices). Not a test file itself:
 * vitest only collects `*.test.ts`.
 */

export interface SeenError {
  code: ErrorCode;
  message: string;
  issues: ErrorIssue[] | undefined;
  details: Record<string, unknown> | undefined;
}

/** Awaits a call that must fail and returns the error as a client sees it (`data.appCode`, message, issues). */
export async function failure(call: Promise<unknown>): Promise<SeenError> {
  try {
    await call;
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : e;
    if (cause instanceof AppError) return { code: cause.code, message: cause.message, issues: cause.issues, details: cause.details };
    if (cause instanceof ZodError) {
      const issues = cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return { code: 'BAD_INPUT', message: issues.map((i) => i.message).join('; '), issues, details: undefined };
    }
    throw e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export async function countRows(db: DbOrTx, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? 0;
}

/** Row counts of every identity table, to prove a refused call wrote nothing. */
export async function identityCounts(db: DbOrTx): Promise<Record<string, number>> {
  const tables = ['vendors', 'staff', 'customers', 'sessions', 'devices', 'pairing_codes'];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await countRows(db, t);
  return counts;
}

let seq = 0;

/** A valid `vendors.register` input with a unique slug and owner email. */
export function registration(overrides: Record<string, unknown> = {}) {
  seq++;
  const tag = `${Date.now().toString(36)}${seq}`;
  return {
    slug: `crumb-${tag}`,
    name: `Crumb & Co ${seq}`,
    email: `shop-${tag}@example.test`,
    addressLine1: '2 Mill Lane',
    city: 'Bristol',
    postcode: 'BS1 2AB',
    country: 'GB',
    lat: 51.45,
    lng: -2.59,
    timezone: 'Europe/London',
    currency: 'GBP',
    taxMode: 'inclusive' as const,
    openingHours: [{ day: 1, open: '09:00', close: '17:00' }],
    owner: { name: 'Olive Owner', email: `owner-${tag}@example.test`, password: 'correct horse battery' },
    ...overrides,
  };
}

/** Registers a shop through the router and signs its owner in; returns the owner's bearer token. */
export async function registeredOwner(anon: Caller, overrides: Record<string, unknown> = {}) {
  const input = registration(overrides);
  const { vendor, owner } = await anon.vendors.register(input);
  const login = await anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password });
  return { vendor, owner, password: input.owner.password, token: login.token };
}
