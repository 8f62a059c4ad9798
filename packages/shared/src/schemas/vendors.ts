import { z } from 'zod';
import {
  centsSchema,
  currencySchema,
  emailSchema,
  latSchema,
  lngSchema,
  nonEmpty,
  slugSchema,
  uuidSchema,
} from './common';
import { text } from './text';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Times are HH:MM (24-hour)');

/** Weekly hours in the vendor's time zone. day: 0 = Sunday … 6 = Saturday. Several ranges per day allowed. */
export const openingHoursSchema = z
  .array(z.object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm }))
  .max(28)
  .refine((ranges) => ranges.every((r) => r.open < r.close), 'Each opening range must close after it opens');
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** Delivery by distance from the shop: the first zone whose radius covers the address applies. */
export const deliveryZoneSchema = z.object({
  name: nonEmpty(60, { label: 'Names' }),
  radiusMeters: z.number().int().min(100).max(100_000),
  feeCents: centsSchema,
  minOrderCents: centsSchema.default(0),
});
export type DeliveryZone = z.infer<typeof deliveryZoneSchema>;

/**
 * GS1 variable-measure (prefix 2) barcode template: after the 2-digit prefix come `itemRefLength` digits of
 * item reference, an optional price-verifier digit, then the value (price in minor units, or weight in grams)
 * with `decimals` implied decimals, then the check digit.
 */
export const gs1TemplateSchema = z.object({
  prefixes: z.array(z.string().regex(/^2\d$/)).min(1).default(['20', '21', '22', '23', '24', '25', '26', '27', '28', '29']),
  itemRefLength: z.number().int().min(4).max(6),
  valueKind: z.enum(['price', 'weight']),
  valueLength: z.number().int().min(4).max(6),
  decimals: z.number().int().min(0).max(3),
  hasVerifierDigit: z.boolean().default(false),
});
export type GS1Template = z.infer<typeof gs1TemplateSchema>;

export const taxModeSchema = z.enum(['inclusive', 'exclusive']);
export type TaxMode = z.infer<typeof taxModeSchema>;

export const vendorProfileInput = z.object({
  name: nonEmpty(120, { label: 'Names' }),
  description: text({ max: 2000, multiline: true, trim: false, label: 'Descriptions' }).default(''),
  email: emailSchema,
  phone: text({ max: 40, label: 'Phone numbers' }).default(''),
  addressLine1: nonEmpty(200, { label: 'Addresses' }),
  city: nonEmpty(100, { label: 'Addresses' }),
  postcode: nonEmpty(20, { label: 'Addresses' }),
  country: text({ min: 2, max: 2, trim: false, label: 'Country codes' }),
  lat: latSchema,
  lng: lngSchema,
  timezone: z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone'),
  currency: currencySchema,
  taxMode: taxModeSchema,
  openingHours: openingHoursSchema,
  pickupEnabled: z.boolean().default(true),
  deliveryEnabled: z.boolean().default(false),
  deliveryZones: z.array(deliveryZoneSchema).max(10).default([]),
  minOrderCents: centsSchema.default(0),
  cashRoundingCents: z.number().int().min(0).max(100).default(0),
  gs1Template: gs1TemplateSchema.nullable().default(null),
});
export type VendorProfileInput = z.infer<typeof vendorProfileInput>;

export const vendorRegisterInput = vendorProfileInput.extend({
  slug: slugSchema,
  owner: z.object({
    name: nonEmpty(120, { label: 'Names' }),
    email: emailSchema,
    password: z.string().min(10, 'Passwords need at least 10 characters').max(200),
  }),
});
export type VendorRegisterInput = z.infer<typeof vendorRegisterInput>;

/**
 * Partial profile update: only the fields sent change. Not `vendorProfileInput.partial()`: zod 4 applies a
 * `.default()` inside `.optional()`, so that would silently reset every unsent field to its default.
 */
const profile = vendorProfileInput.shape;
export const vendorUpdateInput = z
  .object({
    name: profile.name.optional(),
    description: profile.description.unwrap().optional(),
    email: profile.email.optional(),
    phone: profile.phone.unwrap().optional(),
    addressLine1: profile.addressLine1.optional(),
    city: profile.city.optional(),
    postcode: profile.postcode.optional(),
    country: profile.country.optional(),
    lat: profile.lat.optional(),
    lng: profile.lng.optional(),
    timezone: profile.timezone.optional(),
    currency: profile.currency.optional(),
    taxMode: profile.taxMode.optional(),
    openingHours: profile.openingHours.optional(),
    pickupEnabled: profile.pickupEnabled.unwrap().optional(),
    deliveryEnabled: profile.deliveryEnabled.unwrap().optional(),
    deliveryZones: profile.deliveryZones.unwrap().optional(),
    minOrderCents: profile.minOrderCents.unwrap().optional(),
    cashRoundingCents: profile.cashRoundingCents.unwrap().optional(),
    gs1Template: profile.gs1Template.unwrap().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to update: send at least one field');
export type VendorUpdateInput = z.infer<typeof vendorUpdateInput>;

export const vendorPauseInput = z.object({
  paused: z.boolean(),
  reason: text({ max: 200, multiline: true, trim: false, label: 'Reasons' }).optional(),
});
export type VendorPauseInput = z.infer<typeof vendorPauseInput>;

export const vendorBySlugInput = z.object({ slug: slugSchema });
export const vendorByIdInput = z.object({ vendorId: uuidSchema });

/** Storefront vendor directory, alphabetical; `cursor` is the `nextCursor` of the previous page. */
export const vendorListInput = z
  .object({
    cursor: text({ max: 500, trim: false, label: 'Page links' }).optional(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .default({ limit: 100 });
export type VendorListInput = z.infer<typeof vendorListInput>;

export { isOpenAt, nextOpening } from '../opening-hours';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
