import { z } from 'zod';

export const uuidSchema = z.uuid({ message: 'Must be a valid id' });
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
export const nonEmpty = (max = 200) => z.string().trim().min(1, 'Required').max(max);

export const addressSchema = z.object({
  line1: nonEmpty(200),
  line2: z.string().max(200).optional(),
  city: nonEmpty(100),
  postcode: nonEmpty(20),
  country: z.string().length(2).default('GB'),
  lat: latSchema.optional(),
  lng: lngSchema.optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const contactSchema = z.object({
  name: nonEmpty(120),
  email: emailSchema,
  phone: z.string().trim().max(40).default(''),
});
export type Contact = z.infer<typeof contactSchema>;

export const pageInputSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(24),
});
