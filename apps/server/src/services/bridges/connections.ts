import { uuidv7 } from '@makeries/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { emailOutbox, posConnections, posPushes, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { queueEmailJob } from '../email/sender';
import { openCredentials, sealCredentials, tokenKey, type PosCredentials } from './crypto';
import { connectorFor, PROVIDER_NAMES } from './registry';
import { logSync } from './sync-log';
import { PosError, type ConnContext, type PosConnector } from './types';

export type ConnectionRow = typeof posConnections.$inferSelect;

/** consecutive authorization failures before a connection is paused and the owner told (circuit breaker) */
const AUTH_FAILURES_TO_PAUSE = 5;

/** The connection is paused, revoked or gone: work for it waits (pushes stay pending) instead of failing. */
export class BridgeInactive extends Error {}

export async function connectionOfVendor(db: DbOrTx, vendorId: string): Promise<ConnectionRow | null> {
  const [row] = await db.select().from(posConnections).where(eq(posConnections.vendorId, vendorId)).limit(1);
  return row ?? null;
}

export async function connectionById(db: DbOrTx, id: string): Promise<ConnectionRow | null> {
  const [row] = await db.select().from(posConnections).where(eq(posConnections.id, id)).limit(1);
  return row ?? null;
}

function contextOf(env: Env, row: ConnectionRow): ConnContext {
  return { id: row.id, connectionKey: row.connectionKey, locationExtId: row.locationExtId, currency: row.currency, credentials: openCredentials(tokenKey(env), row.credentialsEnc) };
}

export function sealFor(env: Env, creds: PosCredentials): string {
  return sealCredentials(tokenKey(env), creds);
}

/** Each POS says how often (Square: every 7 days) and how close to expiry (Shopify: 10 minutes of 1 hour) to refresh. */
function needsRefresh(connector: PosConnector, row: ConnectionRow, now: Date): boolean {
  const refreshedAt = row.refreshedAt ?? row.createdAt;
  if (now.getTime() - refreshedAt.getTime() >= connector.refreshEveryMs) return true;
  return row.accessExpiresAt !== null && row.accessExpiresAt.getTime() - now.getTime() < connector.refreshMarginMs;
}

/**
 * Refreshes the tokens of one connection, serialized by a row lock (two instances never refresh at once; the second
 * finds fresh tokens and keeps them). Returns the current row.
 */
export async function refreshConnection(db: Db, env: Env, id: string, opts: { force: boolean; now: Date }): Promise<ConnectionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(posConnections).where(eq(posConnections.id, id)).for('update');
    if (!row) throw new BridgeInactive('The point-of-sale connection is gone.');
    if (row.status === 'revoked') throw new BridgeInactive('The point-of-sale connection was revoked.');
    const connector = connectorFor(env, row.provider);
    if (!opts.force && !needsRefresh(connector, row, opts.now)) return row;
    // Shopify rotates its refresh token on every use: the new one is stored in this same locked transaction
    const creds = await connector.refresh(contextOf(env, row).credentials);
    const [updated] = await tx
      .update(posConnections)
      .set({ credentialsEnc: sealFor(env, creds), accessExpiresAt: creds.expiresAt ? new Date(creds.expiresAt) : null, refreshedAt: opts.now, updatedAt: opts.now })
      .where(eq(posConnections.id, id))
      .returning();
    await logSync(tx, id, 'info', `Renewed the access to ${PROVIDER_NAMES[row.provider]}.`);
    return updated ?? row;
  });
}

async function alertOwner(db: DbOrTx, row: ConnectionRow, subject: string, text: string): Promise<void> {
  const [vendor] = await db.select({ email: vendors.email, name: vendors.name }).from(vendors).where(eq(vendors.id, row.vendorId)).limit(1);
  if (!vendor) return;
  const id = uuidv7();
  const body = [`Hello ${vendor.name},`, '', text, '', 'Open Back office → Point of sale on your counter to see the sync log and put it right.'].join('\n');
  await db.insert(emailOutbox).values({ id, orderId: null, kind: 'pos_alert', to: vendor.email, subject, body });
  await queueEmailJob(db, id);
}

/** Stops the bridge: no push is sent while it is paused, revoked or in error. */
export async function setConnectionStatus(db: DbOrTx, row: ConnectionRow, status: ConnectionRow['status'], reason: string | null, opts: { alert?: boolean } = {}): Promise<void> {
  await db.update(posConnections).set({ status, statusReason: reason, updatedAt: new Date() }).where(eq(posConnections.id, row.id));
  if (reason) await logSync(db, row.id, status === 'connected' ? 'info' : 'error', reason);
  if (opts.alert && reason) await alertOwner(db, row, `Makeries: the link to ${PROVIDER_NAMES[row.provider]} stopped`, reason);
}

/** Revoked: every push still owed is dropped (they can never be sent), stock keeps the last counts. */
export async function markRevoked(db: Db, row: ConnectionRow, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    await setConnectionStatus(tx, row, 'revoked', reason, { alert: true });
    await tx
      .update(posPushes)
      .set({ state: 'skipped', lastError: 'The connection was revoked.', updatedAt: new Date() })
      .where(and(eq(posPushes.connectionId, row.id), inArray(posPushes.state, ['pending', 'sent'])));
  });
}

async function countAuthFailure(db: Db, row: ConnectionRow, message: string): Promise<void> {
  const [r] = await db
    .update(posConnections)
    .set({ consecutiveFailures: sql`${posConnections.consecutiveFailures} + 1`, updatedAt: new Date() })
    .where(eq(posConnections.id, row.id))
    .returning({ n: posConnections.consecutiveFailures, status: posConnections.status });
  if (r && r.n >= AUTH_FAILURES_TO_PAUSE && r.status === 'connected') {
    await setConnectionStatus(db, row, 'paused', `Paused after ${String(r.n)} refused calls in a row: ${message} Connect again or resume once it is fixed.`, { alert: true });
  }
}

/**
 * Calls the POS for a connection: refreshes tokens when due (and once more when the POS says they expired), marks
 * the connection revoked when the shop removed our access, and pauses it after repeated authorization failures.
 * Throws BridgeInactive when the connection cannot be used now.
 */
export async function callPos<T>(db: Db, env: Env, id: string, fn: (conn: ConnContext, connector: PosConnector) => Promise<T>, now = new Date()): Promise<T> {
  let row = await connectionById(db, id);
  if (!row) throw new BridgeInactive('The point-of-sale connection is gone.');
  if (row.status !== 'connected') throw new BridgeInactive(`The link to ${PROVIDER_NAMES[row.provider]} is ${row.status}.`);
  const connector = connectorFor(env, row.provider);
  try {
    if (needsRefresh(connector, row, now)) row = await refreshConnection(db, env, id, { force: false, now });
    let result: T;
    try {
      result = await fn(contextOf(env, row), connector);
    } catch (e) {
      if (!(e instanceof PosError && e.kind === 'expired')) throw e;
      row = await refreshConnection(db, env, id, { force: true, now });
      result = await fn(contextOf(env, row), connector);
    }
    if (row.consecutiveFailures > 0) await db.update(posConnections).set({ consecutiveFailures: 0 }).where(eq(posConnections.id, id));
    return result;
  } catch (e) {
    if (e instanceof PosError && e.kind === 'revoked') {
      await markRevoked(db, row, `The shop removed Makeries’ access in ${PROVIDER_NAMES[row.provider]}. Connect again to resume.`);
      throw new BridgeInactive(e.message);
    }
    if (e instanceof PosError && (e.kind === 'auth' || e.kind === 'expired')) await countAuthFailure(db, row, e.message);
    throw e;
  }
}
