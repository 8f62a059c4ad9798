import { AppError } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { staff, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import type { StaffRole } from '../../context';
import { requireProven, type ProvenStaff } from '../staff-proofs';

/** What every handler of one push needs, loaded once per batch rather than once per mutation. */
export interface ApplyScope {
  env: Env;
  vendorId: string;
  deviceId: string;
  currency: string;
  /** every staff member of the vendor, active or not: a sale made before a deactivation still counts */
  staffIds: ReadonlySet<string>;
  /** the staff whose proofs came with this push (issued to this device in the last 7 days, still active) */
  proven: readonly ProvenStaff[];
}

export async function loadScope(tx: Tx, env: Env, vendorId: string, deviceId: string, proven: readonly ProvenStaff[] = []): Promise<ApplyScope> {
  const [vendor] = await tx.select({ currency: vendors.currency }).from(vendors).where(eq(vendors.id, vendorId));
  if (!vendor) throw new AppError('NOT_FOUND', 'We could not find this shop.');
  const rows = await tx.select({ id: staff.id }).from(staff).where(eq(staff.vendorId, vendorId));
  return { env, vendorId, deviceId, currency: vendor.currency, staffIds: new Set(rows.map((r) => r.id)), proven };
}

/** A mutation naming a staff member the server does not know is rejected, not written with a dangling id. */
export function requireStaff(scope: ApplyScope, staffId: string | null, role = 'staff member'): void {
  if (staffId !== null && !scope.staffIds.has(staffId)) {
    throw new AppError('NOT_FOUND', `The ${role} on this record is not one of this shop's staff on the server.`, {
      details: { staffId },
    });
  }
}

export const MANAGER_ROLES: readonly StaffRole[] = ['owner', 'manager'];

/**
 * A role edit (catalog, settings, refunds, quick-add) counts only if the person whose role it needs — the
 * approving manager, or the staff member acting when nobody approved — is proven on this counter by a proof
 * sent with the push. Otherwise a FORBIDDEN rejection: a copied device token cannot edit the shop.
 */
export function requireProvenRole(scope: ApplyScope, staffId: string, approvedBy: string | null, roles: readonly StaffRole[] = MANAGER_ROLES): void {
  requireProven(scope.proven, roles, approvedBy ?? staffId);
}
