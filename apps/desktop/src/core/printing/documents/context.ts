import { eq } from 'drizzle-orm';
import { AppError, formatRate, parseReceiptDocument, receiptLogoSchema, type ReceiptDocument, type ReceiptDocumentInput, type ReceiptStore } from '@makeries/shared';
import { z } from 'zod';
import { vendorSettings, type VendorSettings } from '../../catalog/vendor';
import type { CounterDb } from '../../db/open';
import { mirrorStaff, mirrorTaxRates } from '../../db/schema/index';
import { parseInput } from '../../errors';
import { readReceiptSettings } from '../../store/settings';

/**
 * What a document needs beyond the sale itself. The mirrored vendor carries the name, address, phone, currency,
 * tax mode, time zone and the receipt settings (header, footer, tax number, logo path; the logo's dots are cached
 * beside the database). Anything the caller passes as `store` replaces the synced value (a counter's own address
 * or phone, a test's logo); a footer from the store settings wins over the default "Thank you!".
 */
export const storeExtrasSchema = z.object({
  addressLines: z.array(z.string().trim().min(1).max(120)).max(6).default([]),
  phone: z.string().trim().max(40).nullable().default(null),
  taxNumber: z.string().trim().max(40).nullable().default(null),
  logo: receiptLogoSchema.nullable().default(null),
  footer: z.array(z.string().max(200)).max(10).default(['Thank you!']),
});
export type StoreExtras = z.input<typeof storeExtrasSchema>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'The server address is an http(s) URL like https://makeries.example' });

const receiptOptionsSchema = z.object({
  /** the marketplace server the counter syncs with; null prints no QR code */
  serverUrl: httpUrl.nullable(),
  store: storeExtrasSchema.default({ addressLines: [], phone: null, taxNumber: null, logo: null, footer: ['Thank you!'] }),
  /** unset: the marketplace's, as the server last sent it */
  locale: z.string().min(2).max(35).optional(),
});
export type ReceiptOptions = z.input<typeof receiptOptionsSchema>;

const isoTime = z.iso.datetime({ offset: true, error: 'Times are ISO 8601, like 2025-05-01T09:00:00.000Z' });
const ticketOptionsSchema = z.object({
  printedAt: isoTime,
  store: storeExtrasSchema.default({ addressLines: [], phone: null, taxNumber: null, logo: null, footer: [] }),
  /** unset: the marketplace's, as the server last sent it */
  locale: z.string().min(2).max(35).optional(),
});
export type TicketOptions = z.input<typeof ticketOptionsSchema>;
export { isoTime };

export interface DocumentContext {
  vendor: VendorSettings;
  store: ReceiptStore;
  header: string[];
  footer: string[];
  locale: string;
  staffName(staffId: string | null | undefined): string;
  /** "VAT 20%", named after the vendor's tax rates ("Tax 20%" when they have none) */
  taxLabel(rateBps: number): string;
}

export function documentContext(db: CounterDb, extras: z.output<typeof storeExtrasSchema>, locale: string | undefined): DocumentContext {
  const vendor = vendorSettings(db);
  const receipt = readReceiptSettings(db);
  const rates = db.select({ name: mirrorTaxRates.name, bps: mirrorTaxRates.rateBps }).from(mirrorTaxRates).all();
  const firstWord = (s: string | undefined) => s?.trim().split(/\s+/)[0] || undefined;
  const fallbackTax = firstWord(rates[0]?.name) ?? 'Tax';
  return {
    vendor,
    // the shop's own address and phone come with the synced profile; the counter's settings may override them
    store: {
      name: vendor.name,
      addressLines: extras.addressLines.length > 0 ? extras.addressLines : vendor.addressLines,
      phone: extras.phone ?? vendor.phone,
      taxNumber: extras.taxNumber ?? receipt.taxNumber,
      logo: extras.logo ?? receipt.logo,
    },
    header: receipt.header,
    footer: receipt.footer.length > 0 ? receipt.footer : extras.footer,
    locale: locale ?? vendor.locale,
    staffName(staffId) {
      if (!staffId) return '';
      const row = db.select({ name: mirrorStaff.name }).from(mirrorStaff).where(eq(mirrorStaff.id, staffId)).get();
      return row?.name ?? 'Staff member';
    },
    taxLabel(rateBps) {
      const name = firstWord(rates.find((r) => r.bps === rateBps)?.name) ?? fallbackTax;
      return `${name} ${formatRate(rateBps)}`;
    },
  };
}

export function parseReceiptOptions(options: ReceiptOptions) {
  return parseInput(receiptOptionsSchema, options);
}

export function parseTicketOptions(options: TicketOptions) {
  return parseInput(ticketOptionsSchema, options);
}

/** `${serverUrl}/r/<receipt number>`: the server's public receipt lookup, scanned back in for refunds. */
export function receiptUrl(serverUrl: string, number: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(number)}`;
}

/** Validates a built document (BAD_INPUT if the data cannot make a consistent one) and narrows its kind. */
export function finish<K extends ReceiptDocument['kind']>(kind: K, input: ReceiptDocumentInput): Extract<ReceiptDocument, { kind: K }> {
  const doc = parseReceiptDocument(input);
  if (doc.kind !== kind) throw new AppError('INTERNAL', `Built a ${doc.kind} document where a ${kind} was expected.`);
  return doc as Extract<ReceiptDocument, { kind: K }>;
}
