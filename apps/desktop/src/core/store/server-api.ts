import { dirname } from 'node:path';
import { AppError } from '@makeries/shared';
import type Database from 'better-sqlite3';
import { createCredentialStore } from '../sync/credentials';
import { classifyFailure, createServerApi, type ServerApi } from '../sync/transport';

/** An answer that does not come within this is treated as "offline": staff are waiting at the till. */
const ONLINE_CALL_TIMEOUT_MS = 15_000;

/** Folder holding counter.sqlite (and the sync credentials, the receipt logo cache). */
export function dataDirOf(sqlite: Database.Database): string {
  return dirname(sqlite.name);
}

/**
 * The marketplace API as this paired counter, for the few calls made outside sync (customer lookup, receipt
 * logo). Uses the device token the sync client stored at pairing.
 */
export function counterServerApi(
  sqlite: Database.Database,
  fetchFn: typeof fetch = fetch,
  staffProofs?: () => Promise<string | undefined>,
): ServerApi {
  const creds = createCredentialStore(dataDirOf(sqlite)).read();
  if (!creds) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace yet. Pair it in Settings first.');
  return createServerApi({
    serverUrl: creds.serverUrl,
    fetch: (input, init) => fetchFn(input, { ...init, signal: AbortSignal.timeout(ONLINE_CALL_TIMEOUT_MS) }),
    token: () => creds.token,
    ...(staffProofs ? { staffProofs } : {}),
  });
}

/**
 * Runs an online-only call. No answer → CONFLICT with `offlineMessage` (what staff can do instead) and
 * `details.reason = 'offline'`; a refusal from the server keeps the server's words.
 */
export async function online<T>(offlineMessage: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const f = classifyFailure(e);
    if (f.kind === 'offline') throw new AppError('CONFLICT', offlineMessage, { details: { reason: 'offline' } });
    if (f.kind === 'unpaired') throw new AppError('UNAUTHENTICATED', 'The marketplace no longer knows this counter. Pair it again in Settings.');
    throw new AppError(f.code, f.message, { ...(f.issues ? { issues: f.issues } : {}), ...(f.details ? { details: f.details } : {}) });
  }
}
