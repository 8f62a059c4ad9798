import { z } from 'zod';
import { validateBarcode } from '../barcode';
import { categoryEnsureInput, DIETARY_TAGS, dietaryTagSchema, rateBpsSchema, skuSchema, SOLD_BY, taxClassSchema } from './catalog';
import { centsSchema, nonEmpty, uuidSchema } from './common';
import { text } from './text';

/**
 * Catalog edits made at the counter (DESIGN §4: they go through the outbox like every other local write).
 * Ids are minted at the counter, so the server's row, pulled back, replaces the optimistic one. A rejected
 * edit makes the server re-announce the entities it named, so the counter's copy converges back.
 */

/** Who made the edit and who allowed it (the manager themself, or the manager whose PIN a cashier used). */
const stamp = {
  staffId: uuidSchema,
  approvedBy: uuidSchema.nullable().default(null),
  occurredAt: z.iso.datetime({ offset: true }),
};

/** Canonical spelling only (UPC-A as 13 digits): the counter normalises before it queues. */
export const canonicalBarcodeSchema = z
  .string()
  .refine((b) => {
    const v = validateBarcode(b);
    return v.ok && v.normalized === b;
  }, 'Must be an EAN-13 / EAN-8 with a correct check digit')
  .nullable();

export const catalogVariantArgs = z.object({
  id: uuidSchema,
  name: nonEmpty(80, { label: 'Names' }),
  sku: skuSchema,
  barcode: canonicalBarcodeSchema,
  /** per item, or per kg when soldBy is 'weight' */
  priceCents: centsSchema,
  taxClass: taxClassSchema,
  soldBy: z.enum(SOLD_BY),
  trackStock: z.boolean(),
  lowStockThreshold: z.number().int().min(0).max(10_000_000),
  sort: z.number().int().min(0).max(10_000),
  archived: z.boolean(),
});
export type CatalogVariantArgs = z.infer<typeof catalogVariantArgs>;

const dietaryTags = z.array(dietaryTagSchema).max(DIETARY_TAGS.length);

export const catalogProductCreateArgs = z.object({
  productId: uuidSchema,
  name: nonEmpty(120, { label: 'Names' }),
  description: text({ max: 5000, multiline: true, label: 'Descriptions' }),
  categoryId: uuidSchema.nullable(),
  dietaryTags,
  onlineVisible: z.boolean(),
  variants: z.array(catalogVariantArgs).min(1).max(100),
  ...stamp,
});
export type CatalogProductCreateArgs = z.infer<typeof catalogProductCreateArgs>;

/**
 * A patch: fields left out stay as the server has them (the counter's mirror does not hold every product
 * field, e.g. the description). Listed variants are added or replaced whole; others are left alone.
 */
export const catalogProductUpdateArgs = z.object({
  productId: uuidSchema,
  name: nonEmpty(120, { label: 'Names' }).optional(),
  description: text({ max: 5000, multiline: true, label: 'Descriptions' }).optional(),
  categoryId: uuidSchema.nullable().optional(),
  dietaryTags: dietaryTags.optional(),
  onlineVisible: z.boolean().optional(),
  archived: z.boolean().optional(),
  variants: z.array(catalogVariantArgs).max(100).default([]),
  ...stamp,
});
export type CatalogProductUpdateArgs = z.infer<typeof catalogProductUpdateArgs>;

/** Categories are marketplace-wide: a counter may add one or rename one it uses. */
export const catalogCategorySaveArgs = categoryEnsureInput.extend({ id: uuidSchema, sort: z.number().int().min(0).max(100_000), ...stamp });
export type CatalogCategorySaveArgs = z.infer<typeof catalogCategorySaveArgs>;

export const catalogTaxRateSaveArgs = z.object({
  id: uuidSchema,
  taxClass: taxClassSchema,
  name: nonEmpty(60, { label: 'Names' }),
  rateBps: rateBpsSchema,
  ...stamp,
});
export type CatalogTaxRateSaveArgs = z.infer<typeof catalogTaxRateSaveArgs>;

export const CATALOG_EDIT_ARGS = {
  'catalog.productCreate': catalogProductCreateArgs,
  'catalog.productUpdate': catalogProductUpdateArgs,
  'catalog.categorySave': catalogCategorySaveArgs,
  'catalog.taxRateSave': catalogTaxRateSaveArgs,
} as const;

// ---- CSV (one row per variant) ----

export const CATALOG_CSV_COLUMNS = [
  'product',
  'variant',
  'sku',
  'barcode',
  'price',
  'category',
  'tax_class',
  'online',
  'on_hand',
] as const;
export type CatalogCsvColumn = (typeof CATALOG_CSV_COLUMNS)[number];

export const catalogCsvInput = z.object({
  text: text({ max: 5_000_000, maxMessage: 'The file is too large (5 MB at most)', multiline: true, trim: false, label: 'CSV files' }),
});
