import { eq, sql } from 'drizzle-orm';
import { AppError, currentLocale, type GS1Template, type TaxMode } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { mirrorTaxRates, mirrorVendor } from '../db/schema/index';
import { readDevice } from '../device/device';

export interface VendorSettings {
  id: string;
  name: string;
  currency: string;
  taxMode: TaxMode;
  cashRoundingCents: number;
  gs1Template: GS1Template | null;
  timezone: string;
  /** the shop's address as printed under its name, e.g. ["12 Harbour Street", "Bristol BS1 4RN"] */
  addressLines: string[];
  phone: string | null;
  /** the marketplace's locale as the server last sent it (the runtime's own before the first pull) */
  locale: string;
}

const queries = preparedFor((db) => ({
  vendor: db.select().from(mirrorVendor).where(eq(mirrorVendor.id, sql.placeholder('id'))).prepare(),
  taxRates: db
    .select({ bps: mirrorTaxRates.rateBps })
    .from(mirrorTaxRates)
    .where(eq(mirrorTaxRates.taxClass, sql.placeholder('taxClass')))
    .orderBy(mirrorTaxRates.name, mirrorTaxRates.id)
    .prepare(),
}));

/** The paired vendor's mirrored settings; selling waits for the first sync to bring them. */
export function vendorSettings(db: CounterDb): VendorSettings {
  const device = readDevice(db);
  const vendorId = device.vendorId;
  const row = vendorId ? queries(db).vendor.get({ id: vendorId }) : undefined;
  if (!row) {
    throw new AppError('CONFLICT', 'The shop settings have not arrived from the server yet. Connect once to sync, then sell.');
  }
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    taxMode: row.taxMode,
    cashRoundingCents: row.cashRoundingCents,
    gs1Template: row.gs1Template ?? null,
    timezone: row.timezone,
    addressLines: [row.addressLine1, [row.city, row.postcode].filter(Boolean).join(' ')].map((l) => l.trim()).filter(Boolean),
    phone: row.phone.trim() || null,
    locale: device.marketLocale ?? currentLocale(),
  };
}

/** Every vendor rate of the variant's tax class applies (DESIGN §3); in a stable order for the snapshot. */
export function taxRatesFor(db: CounterDb, taxClass: string): number[] {
  return queries(db)
    .taxRates.all({ taxClass })
    .map((r) => r.bps);
}
