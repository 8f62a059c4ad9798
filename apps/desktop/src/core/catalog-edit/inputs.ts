import {
  centsSchema,
  DIETARY_TAGS,
  dietaryTagSchema,
  nonEmpty,
  rateBpsSchema,
  skuSchema,
  SOLD_BY,
  taxClassSchema,
  text,
  uuidSchema,
} from '@makeries/shared';
import { z } from 'zod';
import { approvalInput } from '../schemas/staff';

const approval = approvalInput.optional();

/** A variant as the editor sends it: no id = a new variant; the barcode as typed or scanned (checked later). */
const variantEditInput = z.object({
  id: uuidSchema.optional(),
  name: nonEmpty(80, { label: 'Names' }).default('Default'),
  sku: skuSchema,
  barcode: z
    .string()
    .trim()
    .max(32, 'Barcodes are at most 32 characters')
    .nullish()
    .transform((v) => (v ? v.replace(/[\s-]/g, '') : null)),
  priceCents: centsSchema,
  taxClass: taxClassSchema.default('standard'),
  soldBy: z.enum(SOLD_BY).default('each'),
  trackStock: z.boolean().default(true),
  lowStockThreshold: z.number().int().min(0, 'The low-stock level cannot be negative').max(10_000_000).default(0),
  archived: z.boolean().default(false),
});

/**
 * Create (no productId) or update a product with its variants. `description` and `dietaryTags` are optional:
 * the counter's catalog does not hold them, so leaving them out keeps what the server has.
 */
export const productSaveInput = z.object({
  productId: uuidSchema.optional(),
  name: nonEmpty(120, { label: 'Names' }),
  description: text({ max: 5000, multiline: true, label: 'Descriptions' }).optional(),
  categoryId: uuidSchema.nullable().default(null),
  dietaryTags: z.array(dietaryTagSchema).max(DIETARY_TAGS.length).optional(),
  onlineVisible: z.boolean().default(false),
  variants: z.array(variantEditInput).min(1, 'Add at least one variant').max(100, 'At most 100 variants per product'),
  approval,
});
export type ProductSaveInput = z.input<typeof productSaveInput>;

export const productFlagInput = z.object({ productId: uuidSchema, value: z.boolean(), approval });
export type ProductFlagInput = z.input<typeof productFlagInput>;

export const categorySaveInput = z.object({
  id: uuidSchema.optional(),
  name: nonEmpty(80, { label: 'Names' }),
  sort: z.number().int().min(0).max(100_000).default(0),
  approval,
});
export type CategorySaveInput = z.input<typeof categorySaveInput>;

export const taxRateSaveInput = z.object({
  id: uuidSchema.optional(),
  taxClass: taxClassSchema,
  name: nonEmpty(60, { label: 'Names' }),
  rateBps: rateBpsSchema,
  approval,
});
export type TaxRateSaveInput = z.input<typeof taxRateSaveInput>;

const PRODUCT_STATUSES = ['active', 'online', 'hidden', 'archived', 'all'] as const;
export const productListInput = z.object({
  q: text({ max: 100, label: 'Searches' }).default(''),
  categoryId: uuidSchema.nullable().optional(),
  status: z.enum(PRODUCT_STATUSES).default('active'),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ProductListInput = z.input<typeof productListInput>;

export const productIdInput = z.object({ productId: uuidSchema });

export const csvImportInput = z.object({
  text: text({ max: 5_000_000, maxMessage: 'The file is too large (5 MB at most)', multiline: true, trim: false, label: 'CSV files' }),
  approval,
});
export type CsvImportInput = z.input<typeof csvImportInput>;

export const imageUploadInput = z.object({
  productId: uuidSchema,
  contentType: text({ max: 100, label: 'Content types' }),
  dataBase64: z.string().min(1, 'The image is empty').max(12_000_000, 'Images can be at most 8 MB'),
  approval,
});
export type ImageUploadInput = z.input<typeof imageUploadInput>;
