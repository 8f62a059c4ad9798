import { receiptLogoUploadInput, type ReceiptLogoUploadInput } from '@makeries/shared';
import type { CoreContext } from '../context';
import { vendorSettings } from '../catalog/vendor';
import { writeTx } from '../db/open';
import { parseInput } from '../errors';
import { updateMirrorVendor } from '../mirror/vendor-overlay';
import { readLogoCache, writeLogoCache } from './logo-cache';
import { counterServerApi, online } from './server-api';
import { readStoreSettings, type StoreSettingsView } from './settings';
import { requireManager } from './update';
import { proofHeader } from '../staff/proofs';

const OFFLINE = 'Changing the receipt logo needs a connection to the marketplace, and it cannot be reached right now. Try again when the counter is back online.';

/**
 * Uploads a receipt logo (the server turns it into printer dots once, for every counter of the shop), then keeps
 * the dots here so receipts print it offline, and points the mirror at it without waiting for a pull.
 */
export async function uploadReceiptLogo(ctx: CoreContext, input: ReceiptLogoUploadInput, fetchFn?: typeof fetch): Promise<StoreSettingsView> {
  const p = parseInput(receiptLogoUploadInput, input);
  const me = requireManager(ctx);
  const api = counterServerApi(ctx.sqlite, fetchFn, () => proofHeader(ctx, [me.staffId]));
  const saved = await online(OFFLINE, () => api.counterCustomers.uploadReceiptLogo.mutate(p));
  writeLogoCache(ctx.sqlite, saved);
  return writeTx(ctx.db, () => {
    updateMirrorVendor(ctx.sqlite, vendorSettings(ctx.db).id, { receipt_logo_path: saved.path });
    return readStoreSettings(ctx.db);
  });
}

export async function removeReceiptLogo(ctx: CoreContext, fetchFn?: typeof fetch): Promise<StoreSettingsView> {
  const me = requireManager(ctx);
  const api = counterServerApi(ctx.sqlite, fetchFn, () => proofHeader(ctx, [me.staffId]));
  await online(OFFLINE, () => api.counterCustomers.removeReceiptLogo.mutate());
  writeLogoCache(ctx.sqlite, null);
  return writeTx(ctx.db, () => {
    updateMirrorVendor(ctx.sqlite, vendorSettings(ctx.db).id, { receipt_logo_path: null });
    return readStoreSettings(ctx.db);
  });
}

/**
 * A logo set at another counter arrives as a new path in the mirror; fetch its dots once while online. Quietly
 * does nothing when offline (the receipt prints without it until then) or when the cache is current.
 */
export async function refreshReceiptLogo(ctx: CoreContext, fetchFn?: typeof fetch): Promise<boolean> {
  const path = readStoreSettings(ctx.db).logo?.path ?? null;
  if (!path || readLogoCache(ctx.sqlite)?.path === path) return false;
  try {
    const current = await counterServerApi(ctx.sqlite, fetchFn).counterCustomers.receiptLogo.query();
    if (!current) return false;
    writeLogoCache(ctx.sqlite, current);
    return true;
  } catch {
    return false;
  }
}
