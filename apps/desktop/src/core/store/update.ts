import {
  AppError,
  storeSettingsPatch,
  text,
  uuidv7,
  type VendorPauseArgs,
  type VendorSettingsArgs,
} from '@makeries/shared';
import { z } from 'zod';
import { isoAt, type CoreContext, type SignedInStaff } from '../context';
import { vendorSettings } from '../catalog/vendor';
import { writeTx } from '../db/open';
import { parseInput } from '../errors';
import { pauseColumns, settingsColumns, updateMirrorVendor } from '../mirror/vendor-overlay';
import { enqueue } from '../outbox/outbox';
import { isManager, requireStaff } from '../staff/auth';
import { assertSyncProof } from '../staff/proofs';
import { readStoreSettings, type StoreSettingsView } from './settings';

export const storePauseInput = z.object({
  paused: z.boolean(),
  reason: text({ max: 200, maxMessage: 'Keep the reason under 200 characters', multiline: true, label: 'Reasons' }).default(''),
});
export type StorePauseInput = z.input<typeof storePauseInput>;

export function requireManager(ctx: CoreContext): SignedInStaff {
  const me = requireStaff(ctx);
  if (!isManager(me.role)) throw new AppError('FORBIDDEN', 'Only a manager or the owner can change the store settings. Ask a manager to sign in.');
  assertSyncProof(ctx, me.staffId, 'Store settings');
  return me;
}

/**
 * Saves store settings: shown at once (the mirror is updated optimistically) and queued for the server in the
 * same transaction, so they reach the storefront with the next sync, even after days offline.
 */
export function updateStoreSettings(ctx: CoreContext, input: unknown): StoreSettingsView {
  const patch = parseInput(storeSettingsPatch, input);
  const me = requireManager(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const vendorId = vendorSettings(ctx.db).id;
    const args: VendorSettingsArgs = { id: uuidv7(now), staffId: me.staffId, changedAt: isoAt(now), patch };
    updateMirrorVendor(ctx.sqlite, vendorId, settingsColumns(patch));
    enqueue(ctx.db, now, 'vendor.settings', args);
    return readStoreSettings(ctx.db);
  });
}

/** Pauses the shop online (with the reason customers see) or reopens it; queued like any settings change. */
export function setStorePaused(ctx: CoreContext, input: StorePauseInput): StoreSettingsView {
  const p = parseInput(storePauseInput, input);
  if (p.paused && !p.reason) {
    throw new AppError('BAD_INPUT', 'Tell customers why the shop is paused (for example “Back at 2pm”).', { issues: [{ path: 'reason', message: 'Required' }] });
  }
  const me = requireManager(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const vendorId = vendorSettings(ctx.db).id;
    const args: VendorPauseArgs = { id: uuidv7(now), staffId: me.staffId, changedAt: isoAt(now), paused: p.paused, reason: p.paused ? p.reason : '' };
    updateMirrorVendor(ctx.sqlite, vendorId, pauseColumns(args.paused, args.reason));
    enqueue(ctx.db, now, 'vendor.pause', args);
    return readStoreSettings(ctx.db);
  });
}
