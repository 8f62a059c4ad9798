import { AppError, type CatalogTaxRateSaveArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { taxRates } from '../../../db/schema/index';
import { createTaxRate, updateTaxRate } from '../../catalog';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

/** Creates the rate with the counter's id, or replaces its class, name and rate (same service as the back office). */
export async function applyCatalogTaxRateSave(tx: Tx, scope: ApplyScope, a: CatalogTaxRateSaveArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const [existing] = await tx.select({ vendorId: taxRates.vendorId }).from(taxRates).where(eq(taxRates.id, a.id));
  const fields = { taxClass: a.taxClass, name: a.name, rateBps: a.rateBps };
  if (!existing) {
    await createTaxRate(tx, scope.vendorId, { id: a.id, ...fields });
    return;
  }
  if (existing.vendorId !== scope.vendorId) throw new AppError('CONFLICT', 'This tax rate id is already used by another shop on the server.');
  await updateTaxRate(tx, scope.vendorId, { id: a.id, ...fields });
}
