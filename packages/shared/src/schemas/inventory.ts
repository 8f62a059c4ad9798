import { z } from 'zod';
import { nonEmpty, uuidSchema } from './common';
import { text } from './text';

/**
 * The inventory ledger (DESIGN §3): sale −q, refund +q, receive +q, adjust ±q, count =q.
 * Quantities are whole items, or grams for weighed goods.
 */
export const MOVEMENT_KINDS = ['sale', 'refund', 'receive', 'adjust', 'count'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const STOCK_ALERT_KINDS = ['oversold', 'low_stock'] as const;
export type StockAlertKind = (typeof STOCK_ALERT_KINDS)[number];

export const MAX_STOCK_QUANTITY = 10_000_000;

/** Allowed clock drift for a stated time: staff may back-date a count, not date it in the future. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** A moment as a Date (in-process callers) or an ISO 8601 string with offset (JSON over HTTP). */
export const instantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true, error: 'Use an ISO date-time like 2024-05-01T09:30:00Z' })])
  .transform((v) => (typeof v === 'string' ? new Date(v) : v))
  .refine((d) => !Number.isNaN(d.getTime()), 'Invalid date')
  .refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, 'The time cannot be in the future');

const wholeQuantity = z.number().int('Quantities are whole items (grams for weighed goods)');

const movementBase = {
  /** client-minted UUIDv7: resending the same movement records it once */
  id: uuidSchema.optional(),
  variantId: uuidSchema,
  note: text({ max: 500, multiline: true, label: 'Notes' }).default(''),
  /** when it happened (defaults to now); the ledger orders movements by this */
  occurredAt: instantSchema.optional(),
};

export const stockReceiveInput = z.object({
  ...movementBase,
  quantity: wholeQuantity.min(1, 'Receive at least 1').max(MAX_STOCK_QUANTITY),
});
export type StockReceiveInput = z.infer<typeof stockReceiveInput>;

export const stockCountInput = z.object({
  ...movementBase,
  quantity: wholeQuantity.min(0, 'A counted level cannot be negative').max(MAX_STOCK_QUANTITY),
});
export type StockCountInput = z.infer<typeof stockCountInput>;

export const stockAdjustInput = z.object({
  ...movementBase,
  quantity: wholeQuantity
    .min(-MAX_STOCK_QUANTITY)
    .max(MAX_STOCK_QUANTITY)
    .refine((q) => q !== 0, 'An adjustment cannot be zero'),
  /** adjustments (breakage, waste, theft) need a reason for the audit trail */
  note: nonEmpty(500, { label: 'Notes', multiline: true }),
});
export type StockAdjustInput = z.infer<typeof stockAdjustInput>;

export const stockLevelsInput = z.object({
  productId: uuidSchema.optional(),
  variantIds: z.array(uuidSchema).max(500).optional(),
  /** the last variant id of the previous page */
  cursor: uuidSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type StockLevelsInput = z.infer<typeof stockLevelsInput>;

export const lowStockInput = z.object({
  cursor: uuidSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const stockMovementsInput = z.object({
  variantId: uuidSchema,
  /** opaque, from the previous page's nextCursor */
  cursor: text({ max: 200, trim: false, label: 'Page links' }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type StockMovementsInput = z.infer<typeof stockMovementsInput>;

export const stockAlertsInput = z.object({
  includeResolved: z.boolean().default(false),
  /** the last alert id of the previous page (alerts are listed newest first) */
  cursor: uuidSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const stockAlertResolveInput = z.object({ alertId: uuidSchema });
