import { z } from 'zod';
import { receiptLogoSchema } from '../receipts/logo';
import { emailSchema, nonEmpty, uuidSchema } from './common';
import { openingHoursSchema } from './vendors';
import { text } from './text';

/**
 * Store settings edited at the counter (DESIGN §5 back office) and the receipt email, as outbox mutations, plus
 * the two online-only counter calls (customer lookup, receipt logo upload). The server applies the settings
 * with its vendor service rules; the storefront shows them after the next sync.
 */

export const RECEIPT_TEXT_MAX_LINES = 6;
export const RECEIPT_TEXT_MAX_LINE = 48;

/** Free text printed above the items (header) or at the bottom (footer): a few short lines, no blank padding. */
export const receiptTextSchema = text({
  max: RECEIPT_TEXT_MAX_LINES * (RECEIPT_TEXT_MAX_LINE + 1),
  maxMessage: 'That text is too long for a receipt',
  multiline: true,
  trim: false,
  label: 'Receipt texts',
})
  .transform((s) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim())
  .refine((s) => s === '' || s.split('\n').length <= RECEIPT_TEXT_MAX_LINES, `At most ${RECEIPT_TEXT_MAX_LINES} lines`)
  .refine((s) => s.split('\n').every((l) => l.length <= RECEIPT_TEXT_MAX_LINE), `Each line at most ${RECEIPT_TEXT_MAX_LINE} characters`);

/** The printed lines of a header/footer text ('' → none). */
export function receiptTextLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

/**
 * Selling what the counter believes is sold out (DESIGN §3: a counter sale is never refused for stock):
 * `warn` asks "0 in stock — sell anyway?", `block` refuses while online only (offline it warns), `allow` says nothing.
 */
export const SOLD_OUT_POLICIES = ['warn', 'block', 'allow'] as const;
export type SoldOutPolicy = (typeof SOLD_OUT_POLICIES)[number];
export const DEFAULT_SOLD_OUT_POLICY: SoldOutPolicy = 'warn';
export const soldOutPolicySchema = z.enum(SOLD_OUT_POLICIES, 'Choose warn, block or allow for selling sold-out items');
/** Blind close (default on): the expected cash stays hidden while the drawer is counted at shift close. */
export const DEFAULT_BLIND_CLOSE = true;

export const storeSettingsPatch = z
  .object({
    name: nonEmpty(120, { label: 'Names' }).optional(),
    description: text({ max: 2000, multiline: true, label: 'Descriptions' }).optional(),
    email: emailSchema.optional(),
    phone: text({ max: 40, label: 'Phone numbers' }).optional(),
    addressLine1: nonEmpty(200, { label: 'Addresses' }).optional(),
    city: nonEmpty(100, { label: 'Addresses' }).optional(),
    postcode: nonEmpty(20, { label: 'Addresses' }).optional(),
    openingHours: openingHoursSchema.optional(),
    receiptHeader: receiptTextSchema.optional(),
    receiptFooter: receiptTextSchema.optional(),
    taxNumber: text({ max: 40, maxMessage: 'A tax number is at most 40 characters', label: 'Tax numbers' }).optional(),
    soldOutPolicy: soldOutPolicySchema.optional(),
    blindClose: z.boolean('Blind close is on or off').optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to save: change at least one field');
export type StoreSettingsPatch = z.infer<typeof storeSettingsPatch>;

/** A store settings change made at the counter by a manager or owner; natural key `id`. */
export const vendorSettingsArgs = z.object({
  id: uuidSchema,
  staffId: uuidSchema,
  changedAt: z.iso.datetime({ offset: true }),
  patch: storeSettingsPatch,
});
export type VendorSettingsArgs = z.infer<typeof vendorSettingsArgs>;

/** Pause (no new web orders, the reason shown to customers) or reopen the shop. */
export const vendorPauseArgs = z.object({
  id: uuidSchema,
  staffId: uuidSchema,
  changedAt: z.iso.datetime({ offset: true }),
  paused: z.boolean(),
  reason: text({ max: 200, maxMessage: 'Keep the reason under 200 characters', multiline: true, label: 'Reasons' }).default(''),
});
export type VendorPauseArgs = z.infer<typeof vendorPauseArgs>;

/** Email the receipt of a counter sale (`orderId` = the sale id) to `to`; natural key `id`. */
export const receiptEmailArgs = z.object({
  id: uuidSchema,
  orderId: uuidSchema,
  to: emailSchema,
  staffId: uuidSchema,
  requestedAt: z.iso.datetime({ offset: true }),
});
export type ReceiptEmailArgs = z.infer<typeof receiptEmailArgs>;

export const STORE_MUTATION_ARGS = {
  'vendor.settings': vendorSettingsArgs,
  'vendor.pause': vendorPauseArgs,
  'receipt.email': receiptEmailArgs,
} as const;

// ---- online-only counter calls ----

/** An exact email, or a phone number (compared by its digits). */
export const counterCustomerLookupInput = z.object({
  query: text({ min: 3, minMessage: 'Type the full email or phone number', max: 254, label: 'Searches' }),
});
export type CounterCustomerLookupInput = z.infer<typeof counterCustomerLookupInput>;

/**
 * `known`: a customer of the asking shop (ordered from it before, or attached to one of its sales) — full
 * details. Anyone else's name, email and phone come masked ("A•••x", "a•••@example.com", "•••• 123").
 */
export interface CounterCustomer {
  id: string;
  name: string;
  email: string;
  phone: string;
  known: boolean;
}

export const RECEIPT_LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A logo is small; base64 adds a third, and the counter's browser-mode API takes bodies up to 1 MB. */
export const RECEIPT_LOGO_MAX_BYTES = 700 * 1024;

export const receiptLogoUploadInput = z.object({
  contentType: z.enum(RECEIPT_LOGO_TYPES, 'Please choose a PNG, JPEG or WebP image'),
  dataBase64: z
    .string()
    .min(8, 'The image is empty')
    .max(Math.ceil(RECEIPT_LOGO_MAX_BYTES / 3) * 4, 'The image is larger than 700 KB. Use a smaller one.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The image data is not base64'),
});
export type ReceiptLogoUploadInput = z.infer<typeof receiptLogoUploadInput>;

/** The stored logo: its media path (mirrored with the vendor) and the 1-bit bitmap the printer gets. */
export const receiptLogoUploadResult = z.object({ path: z.string().min(1), logo: receiptLogoSchema });
export type ReceiptLogoUploadResult = z.infer<typeof receiptLogoUploadResult>;
