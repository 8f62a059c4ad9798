import { receiptTextLines, type OpeningHours, type ReceiptLogo, type SoldOutPolicy } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { vendorSettings } from '../catalog/vendor';
import type { CounterDb } from '../db/open';
import { mirrorVendor } from '../db/schema/index';
import { cachedLogoFor } from './logo-cache';

/** The store settings as this counter knows them (mirror + changes made here and not yet sent). */
export interface StoreSettingsView {
  name: string;
  description: string;
  email: string;
  phone: string;
  addressLine1: string;
  city: string;
  postcode: string;
  timezone: string;
  openingHours: OpeningHours;
  paused: boolean;
  pausedReason: string | null;
  receiptHeader: string;
  receiptFooter: string;
  taxNumber: string;
  logo: { path: string; dots: ReceiptLogo | null } | null;
  /** selling what the counter believes is sold out: warn, block (online only) or allow */
  soldOutPolicy: SoldOutPolicy;
  /** the expected cash stays hidden while the drawer is counted at shift close */
  blindClose: boolean;
  /** settings changes queued at this counter and not yet acknowledged by the server */
  pendingChanges: number;
}

function vendorRow(db: CounterDb) {
  const { id } = vendorSettings(db);
  const row = db.select().from(mirrorVendor).where(eq(mirrorVendor.id, id)).get();
  if (!row) throw new Error('unreachable: vendorSettings found the row');
  return row;
}

export function readStoreSettings(db: CounterDb): StoreSettingsView {
  const v = vendorRow(db);
  const pending = db.$client
    .prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND name IN ('vendor.settings', 'vendor.pause')`)
    .get() as { n: number };
  return {
    name: v.name,
    description: v.description,
    email: v.email,
    phone: v.phone,
    addressLine1: v.addressLine1,
    city: v.city,
    postcode: v.postcode,
    timezone: v.timezone,
    openingHours: v.openingHours ?? [],
    paused: v.paused,
    pausedReason: v.pausedReason,
    receiptHeader: v.receiptHeader,
    receiptFooter: v.receiptFooter,
    taxNumber: v.taxNumber,
    logo: v.receiptLogoPath ? { path: v.receiptLogoPath, dots: cachedLogoFor(db.$client, v.receiptLogoPath) } : null,
    soldOutPolicy: v.soldOutPolicy,
    blindClose: v.blindClose,
    pendingChanges: pending.n,
  };
}

/** What every printed receipt carries from the store settings. */
export interface ReceiptSettings {
  header: string[];
  footer: string[];
  taxNumber: string | null;
  logo: ReceiptLogo | null;
}

export function readReceiptSettings(db: CounterDb): ReceiptSettings {
  const v = vendorRow(db);
  return {
    header: receiptTextLines(v.receiptHeader),
    footer: receiptTextLines(v.receiptFooter),
    taxNumber: v.taxNumber.trim() || null,
    logo: cachedLogoFor(db.$client, v.receiptLogoPath),
  };
}
