import { AppError, STAFF_PROOFS_MAX } from '@makeries/shared';
import { desc, eq, gt } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { staffProofs } from '../db/schema/index';
import { counterServerApi } from '../store/server-api';

/**
 * Staff proofs (see STAFF_PROOF_HEADER in shared): PINs are checked here, offline, as always; whenever a PIN
 * opens the counter or approves an action, the marketplace is also asked (in the background: it never slows or
 * blocks the unlock, and offline is normal) for a proof that this person typed it on this counter. The newest
 * proof per person is kept. Calls that need a role send the acting person's (and the approver's) proof; each
 * sync push sends every proof still in its sync window, so edits made offline count when they arrive.
 */

/** A role action waits at most this long for a proof still being fetched (the PIN was typed a moment ago). */
const PENDING_WAIT_MS = 5_000;

const pending = new WeakMap<CoreContext, Map<string, Promise<void>>>();

function pendingOf(ctx: CoreContext): Map<string, Promise<void>> {
  let map = pending.get(ctx);
  if (!map) pending.set(ctx, (map = new Map<string, Promise<void>>()));
  return map;
}

export interface HeldProof {
  token: string;
  expiresAt: string;
  syncExpiresAt: string;
}

export function saveProof(ctx: CoreContext, staffId: string, proof: HeldProof): void {
  const row = { staffId, ...proof, receivedAt: new Date(ctx.now()).toISOString() };
  ctx.db.insert(staffProofs).values(row).onConflictDoUpdate({ target: staffProofs.staffId, set: row }).run();
}

/**
 * Asks the marketplace for a proof of the PIN just typed (background). Unpaired, offline, a PIN the server
 * does not know (yet): nothing is stored and nothing is shown; role actions say what is missing when it matters.
 */
export function acquireProof(ctx: CoreContext, staffId: string, pin: string, fetchFn?: typeof fetch): void {
  const run = (async () => {
    try {
      const api = counterServerApi(ctx.sqlite, fetchFn);
      const answer = await api.staff.verifyPin.mutate({ staffId, pin });
      saveProof(ctx, staffId, answer.proof);
    } catch {
      // offline or unpaired is normal; the counter may also have closed meanwhile
    }
  })();
  const map = pendingOf(ctx);
  map.set(staffId, run);
  void run.finally(() => {
    if (map.get(staffId) === run) map.delete(staffId);
  });
}

/** Waits (briefly) for proofs of these people still being fetched. */
export async function proofsSettled(ctx: CoreContext, staffIds: readonly (string | null | undefined)[]): Promise<void> {
  const map = pendingOf(ctx);
  const runs = staffIds.flatMap((id) => (id ? [map.get(id)] : [])).filter((p): p is Promise<void> => p !== undefined);
  if (runs.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(runs), new Promise<void>((r) => (timer = setTimeout(r, PENDING_WAIT_MS)))]);
  if (timer) clearTimeout(timer);
}

function heldProof(ctx: CoreContext, staffId: string): HeldProof | undefined {
  return ctx.db.select().from(staffProofs).where(eq(staffProofs.staffId, staffId)).get();
}

/**
 * The `x-makeries-staff` header for an online call made by these people (the one acting, the approver): their
 * proofs still good for online calls, after waiting for any being fetched. Undefined when there is none.
 */
export async function proofHeader(ctx: CoreContext, staffIds: readonly (string | null | undefined)[]): Promise<string | undefined> {
  await proofsSettled(ctx, staffIds);
  const now = new Date(ctx.now()).toISOString();
  const ids = [...new Set(staffIds.filter((id): id is string => !!id))].slice(0, 2);
  const tokens = ids.flatMap((id) => {
    const p = heldProof(ctx, id);
    return p && p.expiresAt > now ? [p.token] : [];
  });
  return tokens.length > 0 ? tokens.join(',') : undefined;
}

/** Every proof still within its sync window, newest first: sent with each push. */
export function syncProofs(ctx: CoreContext): string[] {
  const now = new Date(ctx.now()).toISOString();
  return ctx.db
    .select({ token: staffProofs.token })
    .from(staffProofs)
    .where(gt(staffProofs.syncExpiresAt, now))
    .orderBy(desc(staffProofs.receivedAt))
    .limit(STAFF_PROOFS_MAX)
    .all()
    .map((r) => r.token);
}

/**
 * Before a role edit that sync will carry (catalog, settings, refunds, quick-add): the person whose role it
 * needs must hold a proof the marketplace will still take, or the edit would be refused when it arrives. Said
 * now, while they can still do something about it, instead of a rejection later.
 */
export async function requireSyncProof(ctx: CoreContext, staffId: string, what: string): Promise<void> {
  await proofsSettled(ctx, [staffId]);
  assertSyncProof(ctx, staffId, what);
}

/** The same check without waiting for a proof being fetched (for synchronous writes). */
export function assertSyncProof(ctx: CoreContext, staffId: string, what: string): void {
  const p = heldProof(ctx, staffId);
  if (p && p.syncExpiresAt > new Date(ctx.now()).toISOString()) return;
  throw new AppError(
    'FORBIDDEN',
    `${what} need${what.endsWith('s') ? '' : 's'} the PIN checked by the marketplace: connect this counter to the internet, ` +
      'then lock it and sign in again with that PIN (or type it again to approve). It then works offline for 7 days.',
    { details: { needsStaffProof: true, staffId } },
  );
}
