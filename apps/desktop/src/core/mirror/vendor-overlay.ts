import type Database from 'better-sqlite3';
import { MUTATION_ARGS, type StoreSettingsPatch } from '@makeries/shared';
import type { SqlRow } from './statements';

/*
 * Store settings edited at this counter are optimistic (DESIGN §4: server-owned data changes only through
 * mutations): the mirror shows them at once, and a vendor row pulled before the server applied them gets the
 * still-pending changes laid on top again, so the settings screen never jumps back while offline.
 */

const PATCH_COLUMNS: { [K in keyof StoreSettingsPatch]-?: string } = {
  name: 'name',
  description: 'description',
  email: 'email',
  phone: 'phone',
  addressLine1: 'address_line1',
  city: 'city',
  postcode: 'postcode',
  openingHours: 'opening_hours',
  receiptHeader: 'receipt_header',
  receiptFooter: 'receipt_footer',
  taxNumber: 'tax_number',
  soldOutPolicy: 'sold_out_policy',
  blindClose: 'blind_close',
};

/** The mirror_vendor columns a settings patch sets. */
export function settingsColumns(patch: StoreSettingsPatch): SqlRow {
  const out: SqlRow = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof StoreSettingsPatch, string][]) {
    const value = patch[key];
    if (value === undefined) continue;
    out[column] = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 1 : 0) : JSON.stringify(value);
  }
  return out;
}

export function pauseColumns(paused: boolean, reason: string): SqlRow {
  return { paused: paused ? 1 : 0, paused_reason: paused ? reason.trim() || null : null };
}

/** Sets columns of the mirrored vendor row (column names come only from the maps above, never from input). */
export function updateMirrorVendor(sqlite: Database.Database, vendorId: string, cols: SqlRow): void {
  const names = Object.keys(cols);
  if (names.length === 0) return;
  sqlite.prepare(`UPDATE mirror_vendor SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @__id`).run({ ...cols, __id: vendorId });
}

function pendingColumns(name: string, raw: string): SqlRow {
  const json: unknown = JSON.parse(raw);
  if (name === 'vendor.settings') {
    const a = MUTATION_ARGS['vendor.settings'].safeParse(json);
    return a.success ? settingsColumns(a.data.patch) : {};
  }
  const a = MUTATION_ARGS['vendor.pause'].safeParse(json);
  return a.success ? pauseColumns(a.data.paused, a.data.reason) : {};
}

export function withPendingVendorChanges(sqlite: Database.Database, row: SqlRow): SqlRow {
  const pending = sqlite
    .prepare(`SELECT name, args FROM outbox WHERE status = 'pending' AND name IN ('vendor.settings', 'vendor.pause') ORDER BY mutation_id`)
    .all() as { name: string; args: string }[];
  let out = row;
  for (const p of pending) out = { ...out, ...pendingColumns(p.name, p.args) };
  return out;
}
