import { AppError, type VendorPauseArgs, type VendorSettingsArgs } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { staff, vendors } from '../../../db/schema/index';
import { setVendorPaused, updateVendor } from '../../vendors';
import { requireProvenRole, type ApplyScope } from '../scope';

/** Store settings are the owner's and managers' business, checked again here: a counter's check is not enough. */
async function requireManager(tx: Tx, scope: ApplyScope, staffId: string): Promise<void> {
  const [person] = await tx
    .select({ role: staff.role })
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.vendorId, scope.vendorId)));
  if (!person) {
    throw new AppError('NOT_FOUND', 'The staff member who changed the store settings is not one of this shop’s staff on the server.', {
      details: { staffId },
    });
  }
  if (person.role === 'cashier') {
    throw new AppError('FORBIDDEN', 'Only a manager or the owner can change the store settings.', { details: { staffId } });
  }
  requireProvenRole(scope, staffId, null);
}

/**
 * A store settings change made at the counter. Profile fields go through the vendor service (its rules and the
 * product search refresh on a rename); the receipt fields and the counter's sale policies (sold-out, blind close)
 * are the counter's own. Every write bumps the vendor row, so the change feed carries it to the other counters
 * and the storefront reads it at once. Settings are last-writer-wins in the order the server applies them;
 * re-applying the same change writes the same values.
 */
export async function applyVendorSettings(tx: Tx, scope: ApplyScope, a: VendorSettingsArgs): Promise<void> {
  await requireManager(tx, scope, a.staffId);
  const { receiptHeader, receiptFooter, taxNumber, soldOutPolicy, blindClose, ...profile } = a.patch;
  if (Object.values(profile).some((v) => v !== undefined)) await updateVendor(tx, scope.vendorId, profile);
  const counterOwn = { receiptHeader, receiptFooter, taxNumber, soldOutPolicy, blindClose };
  if (Object.values(counterOwn).some((v) => v !== undefined)) {
    await tx
      .update(vendors)
      .set({ ...counterOwn, updatedAt: new Date() })
      .where(eq(vendors.id, scope.vendorId));
  }
}

/** Pause (no new web orders; customers see the reason) or reopen, through the vendor service. */
export async function applyVendorPause(tx: Tx, scope: ApplyScope, a: VendorPauseArgs): Promise<void> {
  await requireManager(tx, scope, a.staffId);
  await setVendorPaused(tx, scope.vendorId, { paused: a.paused, reason: a.reason });
}
