import { AppError } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { staff, vendors } from '../../db/schema/index';
import type { Env } from '../../env';

/** What every handler of one push needs, loaded once per batch rather than once per mutation. */
export interface ApplyScope {
  env: Env;
  vendorId: string;
  deviceId: string;
  currency: string;
  /** every staff member of the vendor, active or not: a sale made before a deactivation still counts */
  staffIds: ReadonlySet<string>;
}

export async function loadScope(tx: Tx, env: Env, vendorId: string, deviceId: string): Promise<ApplyScope> {
  const [vendor] = await tx.select({ currency: vendors.currency }).from(vendors).where(eq(vendors.id, vendorId));
  if (!vendor) throw new AppError('NOT_FOUND', 'We could not find this shop.');
  const rows = await tx.select({ id: staff.id }).from(staff).where(eq(staff.vendorId, vendorId));
  return { env, vendorId, deviceId, currency: vendor.currency, staffIds: new Set(rows.map((r) => r.id)) };
}

/** A mutation naming a staff member the server does not know is rejected, not written with a dangling id. */
export function requireStaff(scope: ApplyScope, staffId: string | null, role = 'staff member'): void {
  if (staffId !== null && !scope.staffIds.has(staffId)) {
    throw new AppError('NOT_FOUND', `The ${role} on this record is not one of this shop's staff on the server.`, {
      details: { staffId },
    });
  }
}
