import { AppError, STAFF_PROOF_ONLINE_MS, STAFF_PROOF_SYNC_MS, staffProofToken, uuidv7 } from '@makeries/shared';
import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { StaffRole } from '../context';
import type { DbOrTx } from '../db/client';
import { devices, staff, staffDeviceProofs } from '../db/schema/index';
import { hashToken, newToken } from './tokens';

/** A staff member whose PIN this device had checked by the server recently (a valid staff proof). */
export interface ProvenStaff {
  staffId: string;
  role: StaffRole;
}

export interface IssuedProof {
  token: string;
  /** until when online calls accept it */
  expiresAt: string;
  /** until when sync accepts it for edits queued offline */
  syncExpiresAt: string;
}

/** A new proof for a PIN the server just verified; this device's expired proofs of the person are dropped. */
export async function issueStaffProof(db: DbOrTx, deviceId: string, staffId: string, now = new Date()): Promise<IssuedProof> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + STAFF_PROOF_SYNC_MS);
  await db
    .delete(staffDeviceProofs)
    .where(and(eq(staffDeviceProofs.deviceId, deviceId), eq(staffDeviceProofs.staffId, staffId), lt(staffDeviceProofs.expiresAt, now)));
  await db.insert(staffDeviceProofs).values({ id: uuidv7(), deviceId, staffId, tokenHash: hashToken(token), issuedAt: now, expiresAt });
  return {
    token,
    expiresAt: new Date(now.getTime() + STAFF_PROOF_ONLINE_MS).toISOString(),
    syncExpiresAt: expiresAt.toISOString(),
  };
}

/** A changed PIN or role, or a deactivation, ends every proof the person had (the counters must ask again). */
export async function endStaffProofs(db: DbOrTx, staffId: string): Promise<void> {
  await db.delete(staffDeviceProofs).where(eq(staffDeviceProofs.staffId, staffId));
}

/** Splits the header value: one or two proofs (the person acting, the approving manager), comma-separated. */
export function parseProofHeader(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => staffProofToken.safeParse(t).success)
    .slice(0, 2);
}

/**
 * The staff proven by `tokens` for this device of this shop: issued to this device (not revoked), for an
 * active staff member of the shop (with their role now), issued less than `maxAgeMs` ago and not expired.
 * Anything else (another device's or shop's proof, a guess) proves nobody.
 */
export async function resolveStaffProofs(
  db: DbOrTx,
  device: { deviceId: string; vendorId: string },
  tokens: readonly string[],
  maxAgeMs: number,
  now = new Date(),
): Promise<ProvenStaff[]> {
  if (tokens.length === 0) return [];
  const rows = await db
    .select({ staffId: staff.id, role: staff.role })
    .from(staffDeviceProofs)
    .innerJoin(staff, eq(staff.id, staffDeviceProofs.staffId))
    .innerJoin(devices, eq(devices.id, staffDeviceProofs.deviceId))
    .where(
      and(
        inArray(staffDeviceProofs.tokenHash, tokens.map(hashToken)),
        eq(staffDeviceProofs.deviceId, device.deviceId),
        eq(devices.vendorId, device.vendorId),
        isNull(devices.revokedAt),
        eq(staff.vendorId, device.vendorId),
        eq(staff.active, true),
        gt(staffDeviceProofs.expiresAt, now),
        gt(staffDeviceProofs.issuedAt, new Date(now.getTime() - maxAgeMs)),
      ),
    );
  const seen = new Map<string, ProvenStaff>();
  for (const r of rows) seen.set(r.staffId, { staffId: r.staffId, role: r.role });
  return [...seen.values()];
}

export const onlineProofAge = STAFF_PROOF_ONLINE_MS;
export const syncProofAge = STAFF_PROOF_SYNC_MS;

const ROLE_WORDS: Record<StaffRole, string> = { owner: 'the owner', manager: 'a manager', cashier: 'a staff member' };

/** What a counter shows when a role action came without a usable proof. */
export function missingProofMessage(roles: readonly StaffRole[]): string {
  const who = roles.includes('cashier') ? ROLE_WORDS.cashier : roles.map((r) => ROLE_WORDS[r]).join(' or ');
  return (
    `This needs the PIN of ${who} checked by the marketplace on this counter. ` +
    'Sign in again with that PIN while the counter is online, then try again.'
  );
}

/** Refuses unless `staffId` (or, without one, anyone) is proven with one of `roles`. */
export function requireProven(proven: readonly ProvenStaff[], roles: readonly StaffRole[], staffId?: string | null): void {
  const ok = proven.some((p) => roles.includes(p.role) && (staffId == null || p.staffId === staffId));
  if (!ok) throw new AppError('FORBIDDEN', missingProofMessage(roles), { details: { needsStaffProof: true, roles: [...roles] } });
}
