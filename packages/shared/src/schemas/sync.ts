import { z } from 'zod';
import { salePromoArgs, type SyncPromoCode } from './promos';
import { validateBarcode } from '../barcode';
import { ORDER_STATUSES } from '../order-status';
import { STAFF_PROOFS_MAX, staffProofToken } from './auth';
import { skuSchema, taxClassSchema } from './catalog';
import { CATALOG_EDIT_ARGS } from './catalog-edit';
import { centsSchema, nonEmpty, signedCentsSchema, uuidSchema } from './common';
import type { OrderView } from './orders';
import type { PosProvider } from './bridges';
import { STORE_MUTATION_ARGS, type SoldOutPolicy } from './store-settings';
import { MESSAGE_MUTATION_ARGS } from './sync-messages';
import { text } from './text';
import { saleLoyaltySchema } from './loyalty';

/**
 * The counter ⇄ server sync protocol (DESIGN §4). Upload: a per-device mutation log with contiguous ids.
 * Download: a change feed with an opaque cursor. Both sides validate with these schemas.
 */

export const PUSH_BATCH_MAX = 500;
export const PULL_LIMIT_MAX = 1000;

// ---- mutation arguments (argsVersion 1) ----

/**
 * A name or SKU copied from the catalog into a sale: refused only for what the shared text rule refuses in any
 * text (NUL, other controls, lone surrogates), not for tabs or line breaks an older catalog entry may hold,
 * so a finished sale is never rejected over harmless formatting.
 */
const snapshotText = (max: number, min = 0) => text({ min, max, multiline: true, trim: false, label: 'Item names' });

export const saleLineSnapshot = z.object({
  id: uuidSchema,
  lineNo: z.number().int().min(1),
  productId: uuidSchema.nullable(),
  variantId: uuidSchema.nullable(),
  name: snapshotText(200, 1),
  variantName: snapshotText(120).default(''),
  sku: snapshotText(64),
  /** units, or grams for weight items */
  quantity: z.number().int().min(1),
  soldBy: z.enum(['each', 'weight']),
  unitPriceCents: centsSchema,
  taxRateBps: z.number().int().min(0).max(10_000),
  discountCents: centsSchema,
  taxCents: centsSchema,
  totalCents: centsSchema,
});
export type SaleLineSnapshot = z.infer<typeof saleLineSnapshot>;

export const tenderKindSchema = z.enum(['cash', 'external_card', 'stripe_terminal']);

export const salePayment = z.object({
  id: uuidSchema,
  kind: tenderKindSchema,
  /** what was applied to the sale (cash: after rounding) */
  amountCents: centsSchema,
  /** cash handed over / change given; zero for cards */
  tenderedCents: centsSchema.default(0),
  changeCents: centsSchema.default(0),
  reference: text({ max: 120, trim: false, label: 'Payment references' }).optional(),
});
export type SalePayment = z.infer<typeof salePayment>;

/** A completed counter sale, immutable. Natural key: `id` (the order id minted at the counter). */
export const saleCompleteArgs = z.object({
  id: uuidSchema,
  number: text({ min: 3, max: 32, trim: false, label: 'Receipt numbers' }),
  shiftId: uuidSchema.nullable(),
  staffId: uuidSchema,
  completedAt: z.iso.datetime({ offset: true }),
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxMode: z.enum(['inclusive', 'exclusive']),
  subtotalCents: centsSchema,
  discountCents: centsSchema,
  taxCents: centsSchema,
  roundingCents: signedCentsSchema,
  totalCents: centsSchema,
  note: text({ max: 500, multiline: true, trim: false, label: 'Notes' }).default(''),
  customerId: uuidSchema.nullable().default(null),
  /** the promo code used at the till (issue 18); older counters send none */
  promo: salePromoArgs.nullable().default(null),
  lines: z.array(saleLineSnapshot).min(1).max(500),
  payments: z.array(salePayment).min(1).max(20),
  /** stamps or points the attached customer redeemed at the till (issue 18); recorded on sync, even below zero */
  loyalty: saleLoyaltySchema.nullable().optional(),
});
export type SaleCompleteArgs = z.infer<typeof saleCompleteArgs>;

/** A refund against an earlier sale (full or partial); natural key `id`. */
export const saleRefundArgs = z.object({
  id: uuidSchema,
  orderId: uuidSchema,
  number: text({ min: 3, max: 32, trim: false, label: 'Receipt numbers' }),
  staffId: uuidSchema,
  approvedBy: uuidSchema.nullable(),
  refundedAt: z.iso.datetime({ offset: true }),
  reason: text({ max: 300, multiline: true, trim: false, label: 'Reasons' }).default(''),
  restock: z.boolean(),
  lines: z.array(z.object({ orderLineId: uuidSchema, quantity: z.number().int().min(1), amountCents: centsSchema })).min(1),
  totalCents: centsSchema,
  tender: tenderKindSchema,
});
export type SaleRefundArgs = z.infer<typeof saleRefundArgs>;

export const shiftEventArgs = z.object({
  id: uuidSchema,
  shiftId: uuidSchema,
  kind: z.enum(['open', 'paid_in', 'paid_out', 'no_sale', 'close']),
  staffId: uuidSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  amountCents: signedCentsSchema.default(0),
  reason: text({ max: 300, multiline: true, trim: false, label: 'Reasons' }).default(''),
  /** close: counted cash by denomination (value in minor units → count), expected, over/short */
  counted: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)).optional(),
  expectedCashCents: signedCentsSchema.optional(),
  countedCashCents: signedCentsSchema.optional(),
});
export type ShiftEventArgs = z.infer<typeof shiftEventArgs>;

export const stockMovementArgs = z.object({
  id: uuidSchema,
  variantId: uuidSchema,
  kind: z.enum(['receive', 'adjust', 'count']),
  quantity: z.number().int(),
  occurredAt: z.iso.datetime({ offset: true }),
  note: text({ max: 500, multiline: true, trim: false, label: 'Notes' }).default(''),
  staffId: uuidSchema,
  /** the manager who approved it with their PIN (null: the staff member is a manager); an adjust needs their proof */
  approvedBy: uuidSchema.nullable().default(null),
});
export type StockMovementArgs = z.infer<typeof stockMovementArgs>;

/** A web-order move made at the counter: applies only if the server's status is still `from` (DESIGN §3). */
export const orderTransitionArgs = z.object({
  id: uuidSchema,
  orderId: uuidSchema,
  from: z.enum(ORDER_STATUSES),
  to: z.enum(ORDER_STATUSES),
  reason: text({ max: 300, multiline: true, trim: false, label: 'Reasons' }).optional(),
  prepMinutes: z.number().int().min(1).max(600).optional(),
  staffId: uuidSchema,
  occurredAt: z.iso.datetime({ offset: true }),
});
export type OrderTransitionArgs = z.infer<typeof orderTransitionArgs>;

/**
 * A product created at the counter for a barcode the catalog did not know (quick-add), with its one variant.
 * Natural key: `productId` (minted at the counter, like `variantId`); the server's copy comes back through the
 * change feed with the same ids and replaces the counter's optimistic rows. Sold by the item, hidden online
 * until someone reviews it in the back office.
 */
export const productQuickAddArgs = z.object({
  productId: uuidSchema,
  variantId: uuidSchema,
  name: nonEmpty(120, { label: 'Names' }),
  categoryId: uuidSchema.nullable().default(null),
  sku: skuSchema,
  /** a retail code in its canonical spelling (UPC-A as 13 digits), or null when the scanned code is the SKU */
  barcode: z
    .string()
    .refine((b) => {
      const v = validateBarcode(b);
      return v.ok && v.normalized === b;
    }, 'Must be an EAN-13 / EAN-8 with a correct check digit')
    .nullable(),
  priceCents: centsSchema,
  taxClass: taxClassSchema,
  trackStock: z.boolean().default(true),
  staffId: uuidSchema,
  /** the manager who allowed it (the staff member themself when they are one) */
  approvedBy: uuidSchema.nullable().default(null),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ProductQuickAddArgs = z.infer<typeof productQuickAddArgs>;

export const MUTATION_ARGS = {
  'sale.complete': saleCompleteArgs,
  'sale.refund': saleRefundArgs,
  'shift.event': shiftEventArgs,
  'stock.movement': stockMovementArgs,
  'order.transition': orderTransitionArgs,
  'product.quickAdd': productQuickAddArgs,
  ...CATALOG_EDIT_ARGS,
  ...STORE_MUTATION_ARGS,
  ...MESSAGE_MUTATION_ARGS,
} as const;
export type MutationName = keyof typeof MUTATION_ARGS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS)[N]>;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

// ---- push ----

export const mutationEnvelope = z.object({
  /** contiguous per device, starting at 1 */
  mutationId: z.number().int().min(1),
  id: uuidSchema,
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  /** validated per name by the server handler; a bad shape is a business rejection, not a batch failure */
  args: z.unknown(),
  argsVersion: z.number().int().min(1),
  /** hybrid logical clock of the device at enqueue time: for display and tie-breaks only */
  hlc: text({ max: 64, trim: false, label: 'Clock stamps' }),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelope>;

export const pushInput = z.object({
  epoch: text({ min: 1, max: 64, trim: false, label: 'Epochs' }),
  /** in outbox order: each mutationId is the previous one + 1 */
  mutations: z
    .array(mutationEnvelope)
    .min(1)
    .max(PUSH_BATCH_MAX)
    .refine((ms) => ms.every((m, i) => i === 0 || m.mutationId === (ms[i - 1]?.mutationId ?? 0) + 1), {
      error: 'Mutations must be sent in order with consecutive ids',
    }),
  /** staff proofs this counter holds (issued in the last STAFF_PROOF_SYNC_MS): they vouch for role edits in the batch */
  proofs: z.array(staffProofToken).max(STAFF_PROOFS_MAX).optional(),
});
export type PushInput = z.infer<typeof pushInput>;

export const mutationResult = z.object({
  mutationId: z.number().int(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type MutationResult = z.infer<typeof mutationResult>;

export interface PushResult {
  epoch: string;
  /** the server's new high-water mark for this device */
  lastMutationId: number;
  results: MutationResult[];
  /** set when the batch skipped ahead of lastMutationId + 1; the client resends from there */
  gapAt?: number;
}

// ---- pull ----

export const CHANGE_ENTITIES = ['vendor', 'category', 'tax_rate', 'product', 'variant', 'staff', 'stock_level', 'web_order', 'order_message', 'promo_code'] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

export const pullInput = z.object({
  epoch: text({ min: 1, max: 64, trim: false, label: 'Epochs' }).nullable(),
  /** opaque; '0' = from the beginning */
  cursor: text({ max: 200, trim: false, label: 'Page links' }).default('0'),
  limit: z.number().int().min(1).max(PULL_LIMIT_MAX).default(500),
});
export type PullInput = z.infer<typeof pullInput>;

export interface Change {
  entity: ChangeEntity;
  op: 'upsert' | 'delete';
  id: string;
  /** the full row for upserts (entity-specific shape), null for deletes */
  data: Record<string, unknown> | null;
}

export interface PullResult {
  changes: Change[];
  nextCursor: string;
  hasMore: boolean;
  lastMutationId: number;
  epoch: string;
  serverTime: string;
  /** true when the client's epoch differs: it must re-bootstrap its mirrors and resend retained outbox rows */
  resetRequired: boolean;
  /** the marketplace's locale and currency with every page, so a counter prints like the storefront even offline */
  market: SyncMarket;
}

export interface SyncMarket {
  locale: string;
  currency: string;
}

// ---- rejections ----

export const rejectionsInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    /** page backwards: only rejections with a smaller mutationId */
    beforeMutationId: z.number().int().min(1).optional(),
  })
  .default({ limit: 100 });
export type RejectionsInput = z.input<typeof rejectionsInput>;

/** A pushed mutation the server refused for a business reason; the counter shows it for staff to resolve. */
export interface MutationRejection {
  mutationId: number;
  id: string;
  name: string;
  code: string;
  message: string;
  rejectedAt: string;
}

// ---- change data (what `Change.data` holds per entity; timestamps are ISO strings) ----

export interface SyncVendor {
  id: string;
  slug: string;
  name: string;
  email: string;
  phone: string;
  addressLine1: string;
  city: string;
  postcode: string;
  country: string;
  timezone: string;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  cashRoundingCents: number;
  gs1Template: unknown;
  openingHours: unknown;
  paused: boolean;
  pausedReason: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  updatedAt: string;
  description: string;
  /** printed on receipts: free text above the items and at the bottom, the tax registration line */
  receiptHeader: string;
  receiptFooter: string;
  taxNumber: string;
  /** media path of the 1-bit receipt logo (PNG), null when the shop has none */
  receiptLogoPath: string | null;
  /** counter: selling what it believes is sold out (`block` only while online) */
  soldOutPolicy: SoldOutPolicy;
  /** counter: hide the expected cash while the drawer is counted at shift close */
  blindClose: boolean;
}

export interface SyncCategory {
  id: string;
  /** null: a marketplace category (curated by the operator, read-only on counters); else the owning shop */
  vendorId: string | null;
  slug: string;
  name: string;
  sort: number;
}

export interface SyncTaxRate {
  id: string;
  vendorId: string;
  taxClass: string;
  name: string;
  rateBps: number;
}

export interface SyncProduct {
  id: string;
  vendorId: string;
  categoryId: string | null;
  name: string;
  description: string;
  dietaryTags: string[];
  onlineVisible: boolean;
  archived: boolean;
  updatedAt: string;
  /**
   * The point of sale the product is bridged from (its name, variants, prices and stock are edited there), and
   * where. Optional: servers before issue 14 leave them out; a counter reads a missing one as null (not bridged).
   */
  posProvider?: PosProvider | null;
  posEditUrl?: string | null;
}

export interface SyncVariant {
  id: string;
  productId: string;
  vendorId: string;
  name: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  taxClass: string;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  lowStockThreshold: number;
  sort: number;
  archived: boolean;
  updatedAt: string;
}

/** PIN hashes travel so the counter can verify PINs offline; password hashes never do. */
export interface SyncStaff {
  id: string;
  vendorId: string;
  name: string;
  role: 'owner' | 'manager' | 'cashier';
  active: boolean;
  pinHash: string | null;
}

/** Change id = variantId. */
export interface SyncStockLevel {
  variantId: string;
  vendorId: string;
  onHand: number;
  reserved: number;
  updatedAt: string;
}

/** A web order for the counter's inbox: the storefront's OrderView (with lines and the vendor's next steps). */
export type SyncWebOrder = OrderView;

export interface ChangeDataByEntity {
  vendor: SyncVendor;
  category: SyncCategory;
  tax_rate: SyncTaxRate;
  product: SyncProduct;
  variant: SyncVariant;
  staff: SyncStaff;
  stock_level: SyncStockLevel;
  web_order: SyncWebOrder;
  promo_code: SyncPromoCode;
}
