import { z } from 'zod';
import { centsSchema, nonEmpty, uuidSchema } from './common';
import { controlCharacterMessage, hasControlCharacters, text } from './text';

/** Dietary tags are a closed list so storefront facets stay consistent across vendors. */
export const DIETARY_TAGS = [
  'vegan',
  'vegetarian',
  'gluten-free',
  'dairy-free',
  'nut-free',
  'egg-free',
  'organic',
  'halal',
  'kosher',
] as const;
export type DietaryTag = (typeof DIETARY_TAGS)[number];
export const dietaryTagSchema = z.enum(DIETARY_TAGS, { error: `Dietary tags are one of: ${DIETARY_TAGS.join(', ')}` });

export const SOLD_BY = ['each', 'weight'] as const;
export type SoldBy = (typeof SOLD_BY)[number];

/** A variant's tax class picks every vendor tax rate of the same class (e.g. standard, reduced, zero). */
export const taxClassSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Tax classes are short lowercase names like standard, reduced or zero');

export const rateBpsSchema = z
  .number()
  .int('Rates are whole basis points (20% = 2000)')
  .min(0, 'A rate cannot be negative')
  .max(10_000, 'A rate cannot exceed 100% (10000 basis points)');

export const skuSchema = z
  .string()
  .trim()
  .min(1, 'Every variant needs a SKU')
  .max(64, 'SKUs are at most 64 characters')
  .refine((s) => !hasControlCharacters(s), controlCharacterMessage('SKUs'))
  .regex(/^\S+$/, 'SKUs cannot contain spaces');

/** Empty means "no barcode"; check digits are verified by the server with the shared barcode rules. */
export const barcodeInputSchema = z
  .string()
  .trim()
  .max(32, 'Barcodes are at most 32 characters')
  .refine((s) => !hasControlCharacters(s), controlCharacterMessage('Barcodes'))
  .nullish()
  .transform((v) => (v ? v : null));

const dietaryTagsSchema = z
  .array(dietaryTagSchema)
  .max(DIETARY_TAGS.length)
  .transform((tags) => [...new Set(tags)]);

// ---- tax rates ----

export const taxRateCreateInput = z.object({
  id: uuidSchema.optional(),
  taxClass: taxClassSchema,
  name: nonEmpty(60, { label: 'Names' }),
  rateBps: rateBpsSchema,
});
export type TaxRateCreateInput = z.infer<typeof taxRateCreateInput>;

export const taxRateUpdateInput = z.object({
  id: uuidSchema,
  taxClass: taxClassSchema.optional(),
  name: nonEmpty(60, { label: 'Names' }).optional(),
  rateBps: rateBpsSchema.optional(),
});
export type TaxRateUpdateInput = z.infer<typeof taxRateUpdateInput>;

export const taxRateRemoveInput = z.object({ id: uuidSchema });

// ---- categories ----

export const categoryEnsureInput = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and dashes').max(80),
  name: nonEmpty(80, { label: 'Names' }),
  sort: z.number().int().min(0).max(100_000).default(0),
});
export type CategoryEnsureInput = z.input<typeof categoryEnsureInput>;

// ---- products and variants ----

export const variantInput = z.object({
  /** client-minted UUIDv7; the server mints one when absent */
  id: uuidSchema.optional(),
  name: nonEmpty(80, { label: 'Names' }).default('Default'),
  sku: skuSchema,
  barcode: barcodeInputSchema,
  /** per item, or per kg when soldBy is 'weight' */
  priceCents: centsSchema,
  taxClass: taxClassSchema.default('standard'),
  soldBy: z.enum(SOLD_BY).default('each'),
  trackStock: z.boolean().default(true),
  /** items (grams for weighed goods); at or below this the variant is listed as low on stock */
  lowStockThreshold: z.number().int().min(0, 'The low-stock level cannot be negative').max(10_000_000).default(0),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export type VariantInput = z.infer<typeof variantInput>;

export const productCreateInput = z.object({
  id: uuidSchema.optional(),
  name: nonEmpty(120, { label: 'Names' }),
  description: text({ max: 5000, multiline: true, label: 'Descriptions' }).default(''),
  categoryId: uuidSchema.nullable().default(null),
  dietaryTags: dietaryTagsSchema.default([]),
  onlineVisible: z.boolean().default(true),
  variants: z.array(variantInput).min(1, 'Add at least one variant').max(100, 'At most 100 variants per product'),
});
export type ProductCreateInput = z.infer<typeof productCreateInput>;

export const productUpdateInput = z.object({
  productId: uuidSchema,
  name: nonEmpty(120, { label: 'Names' }).optional(),
  description: text({ max: 5000, multiline: true, label: 'Descriptions' }).optional(),
  categoryId: uuidSchema.nullable().optional(),
  dietaryTags: dietaryTagsSchema.optional(),
  onlineVisible: z.boolean().optional(),
});
export type ProductUpdateInput = z.infer<typeof productUpdateInput>;

/** Replaces the whole variant (fields left out take their defaults), or adds it when the id is new. */
export const variantUpsertInput = variantInput.extend({
  productId: uuidSchema,
  archived: z.boolean().default(false),
});
export type VariantUpsertInput = z.infer<typeof variantUpsertInput>;

export const productArchiveInput = z.object({
  productId: uuidSchema,
  /** false restores an archived product */
  archived: z.boolean().default(true),
});

export const productByIdInput = z.object({ productId: uuidSchema });

export const PRODUCT_LIST_STATUSES = ['active', 'online', 'hidden', 'archived', 'all'] as const;
export const productListInput = z.object({
  /** active = not archived; online/hidden split active products by storefront visibility */
  status: z.enum(PRODUCT_LIST_STATUSES).default('active'),
  q: text({ max: 100, label: 'Searches' }).optional(),
  categoryId: uuidSchema.optional(),
  cursor: text({ max: 500, trim: false, label: 'Page links' }).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ProductListInput = z.infer<typeof productListInput>;

// ---- images ----

export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export const imageUploadInput = z.object({
  productId: uuidSchema,
  /** the declared type; the server also checks the real bytes */
  contentType: text({ max: 100, label: 'Content types' }),
  /** the file's bytes as base64 (a `data:` URL prefix is accepted) */
  dataBase64: z.string().min(1, 'The image is empty'),
  alt: text({ max: 300, label: 'Image descriptions' }).default(''),
});
export type ImageUploadInput = z.infer<typeof imageUploadInput>;

export const imageRemoveInput = z.object({ imageId: uuidSchema });
