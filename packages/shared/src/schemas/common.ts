import { z } from 'zod';
import { text, type TextOptions } from './text';

export const uuidSchema = z.uuid({ error: 'Must be a valid id' });
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code like GBP');
/** integer minor units, never floats */
export const centsSchema = z.number().int('Amounts are whole minor units (cents)').min(0).max(100_000_000);
export const signedCentsSchema = z.number().int().min(-100_000_000).max(100_000_000);
export const bpsSchema = z.number().int().min(0).max(10_000);
export const emailSchema = z.email('Enter a valid email address').max(254).transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, 'Passwords need at least 10 characters').max(200);
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits');
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and dashes').max(80);
export const latSchema = z.number().min(-90).max(90);
export const lngSchema = z.number().min(-180).max(180);
/** required free text: trimmed, at least one character, no control characters (see text.ts) */
export const nonEmpty = (max = 200, opts: Omit<TextOptions, 'max' | 'min'> = {}) => text({ min: 1, ...opts, max });
const addressPart = (max: number) => nonEmpty(max, { label: 'Addresses' });

export const addressSchema = z.object({
  line1: addressPart(200),
  line2: text({ max: 200, label: 'Addresses', trim: false }).optional(),
  city: addressPart(100),
  postcode: addressPart(20),
  /** unset: the country of the shop delivering there (a delivery is always near its shop) */
  country: text({ min: 2, max: 2, trim: false, label: 'Country codes' }).optional(),
  lat: latSchema.optional(),
  lng: lngSchema.optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const contactSchema = z.object({
  name: nonEmpty(120, { label: 'Names' }),
  email: emailSchema,
  phone: text({ max: 40, label: 'Phone numbers' }).default(''),
});
export type Contact = z.infer<typeof contactSchema>;

export const pageInputSchema = z.object({
  cursor: text({ max: 500, trim: false, label: 'Page links' }).optional(),
  limit: z.number().int().min(1).max(100).default(24),
});
