import { lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { emailVerifications, passwordResets, posOauthStates, sessions, staffDeviceProofs } from '../db/schema/index';
import type { JobLog, JobRuntime } from '../jobs/runtime';

export const EXPIRED_CREDENTIALS_TASK = 'auth.delete-expired-credentials';
const HOUR_MS = 3_600_000;
/** used or expired links stay a day, so "this link has expired" can still be told apart from a guess in the logs */
const LINK_GRACE_MS = 86_400_000;

export interface RemovedCredentials {
  sessions: number;
  staffProofs: number;
  passwordResets: number;
  emailVerifications: number;
  /** POS connect links (OAuth `state`) never completed */
  posConnectStates: number;
}

/**
 * Deletes what can never be used again: expired sign-in sessions and staff proofs, and reset / confirmation / POS
 * connect links a day past their expiry. Each is already refused at use by its own expiry check; this only keeps the tables small
 * (a counter gets a new staff proof at every unlock).
 */
export async function deleteExpiredCredentials(db: Db, now: Date): Promise<RemovedCredentials> {
  const linksBefore = new Date(now.getTime() - LINK_GRACE_MS);
  const count = (rows: unknown[]) => rows.length;
  return {
    sessions: count(await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })),
    staffProofs: count(await db.delete(staffDeviceProofs).where(lt(staffDeviceProofs.expiresAt, now)).returning({ id: staffDeviceProofs.id })),
    passwordResets: count(await db.delete(passwordResets).where(lt(passwordResets.expiresAt, linksBefore)).returning({ id: passwordResets.id })),
    emailVerifications: count(await db.delete(emailVerifications).where(lt(emailVerifications.expiresAt, linksBefore)).returning({ id: emailVerifications.id })),
    posConnectStates: count(await db.delete(posOauthStates).where(lt(posOauthStates.expiresAt, linksBefore)).returning({ hash: posOauthStates.stateHash })),
  };
}

/** Hourly on the job runtime, by one instance per due time. */
export function registerExpiredCredentialCleanup(runtime: JobRuntime, db: Db, opts: { now?: () => Date; log?: JobLog } = {}): void {
  const now = opts.now ?? (() => new Date());
  runtime.every(EXPIRED_CREDENTIALS_TASK, HOUR_MS, async () => {
    const removed = await deleteExpiredCredentials(db, now());
    if (Object.values(removed).some((n) => n > 0)) opts.log?.info({ ...removed }, 'deleted expired sessions, staff proofs and links');
  });
}
