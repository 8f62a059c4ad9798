import { z } from 'zod';
import type { Discount } from '../totals';
import { centsSchema, pageInputSchema, uuidSchema } from './common';
import { text } from './text';

/**
 * Promo codes (issue 18). A shop code is funded by its shop and valid only there; a marketplace code is created by
 * the operator, valid at every shop or a chosen list, and its discount comes off the platform fee (the shop is paid
 * as if undiscounted). Codes are case-insensitive: stored and compared in upper case.
 */
export const PROMO_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;

/** What a customer or cashier types: any short text, upper-cased; an unknown code gets a reason, not BAD_INPUT. */
export const promoCodeEntrySchema = text({ min: 1, max: 40, label: 'Promo codes', minMessage: 'Enter a promo code' }).transform((c) => c.toUpperCase());

/** A new code's name: 3–32 letters, digits, dashes or underscores. */
export const promoCodeNameSchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(z.string().regex(PROMO_CODE_PATTERN, 'A promo code is 3–32 letters, digits, dashes or underscores, like SPRING10'));

export const promoDiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bps: z.number().int('Percentages are whole basis points').min(1, 'A percentage must be more than 0%').max(10_000, 'A percentage is at most 100%') }),
  z.object({ kind: z.literal('amount'), amountCents: centsSchema.min(1, 'An amount off must be more than 0') }),
]);
export type PromoDiscount = z.infer<typeof promoDiscountSchema>;

const isoDateTime = z.iso.datetime({ offset: true, error: 'Use an ISO date-time like 2025-05-01T12:30:00Z' });

const promoRuleFields = {
  code: promoCodeNameSchema,
  description: text({ max: 120, label: 'Descriptions' }).default(''),
  discount: promoDiscountSchema,
  /** per shop order, before the promo: the goods the shop sells in this order */
  minBasketCents: centsSchema.default(0),
  /** a shop code: the customer's first order at that shop; a marketplace code: their first order anywhere */
  firstOrderOnly: z.boolean().default(false),
  perCustomerLimit: z.number().int().min(1, 'A limit is at least 1').max(1_000).nullable().default(null),
  totalLimit: z.number().int().min(1, 'A limit is at least 1').max(1_000_000).nullable().default(null),
  startsAt: isoDateTime.nullable().default(null),
  endsAt: isoDateTime.nullable().default(null),
};

const windowOk = (p: { startsAt: string | null; endsAt: string | null }) => !p.startsAt || !p.endsAt || Date.parse(p.endsAt) > Date.parse(p.startsAt);
const windowError = { error: 'The end must be after the start', path: ['endsAt'] };

export const createShopPromoInput = z.object(promoRuleFields).refine(windowOk, windowError);
export type CreateShopPromoInput = z.infer<typeof createShopPromoInput>;

export const createMarketplacePromoInput = z
  .object({
    ...promoRuleFields,
    /** empty: valid at every shop */
    shopIds: z.array(uuidSchema).max(200, 'At most 200 shops per code').default([]),
  })
  .refine(windowOk, windowError);
export type CreateMarketplacePromoInput = z.infer<typeof createMarketplacePromoInput>;

/** What may change on an existing code (the code and its discount stay, so redemptions keep their meaning). */
export const updatePromoInput = z
  .object({
    promoId: uuidSchema,
    active: z.boolean().optional(),
    description: text({ max: 120, label: 'Descriptions' }).optional(),
    endsAt: isoDateTime.nullable().optional(),
    totalLimit: z.number().int().min(1, 'A limit is at least 1').max(1_000_000).nullable().optional(),
    perCustomerLimit: z.number().int().min(1, 'A limit is at least 1').max(1_000).nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 1, { error: 'Nothing to change', path: ['active'] });
export type UpdatePromoInput = z.infer<typeof updatePromoInput>;

export const listPromosInput = pageInputSchema.extend({ activeOnly: z.boolean().default(false) });
export type ListPromosInput = z.infer<typeof listPromosInput>;

export const promoRedemptionsInput = pageInputSchema.extend({ promoId: uuidSchema });

export interface PromoView {
  id: string;
  code: string;
  description: string;
  fundedBy: 'shop' | 'marketplace';
  /** the shop of a shop code */
  vendorId: string | null;
  /** a marketplace code's shops (empty: every shop) */
  shopIds: string[];
  discount: PromoDiscount;
  minBasketCents: number;
  firstOrderOnly: boolean;
  perCustomerLimit: number | null;
  totalLimit: number | null;
  startsAt: string | null;
  endsAt: string | null;
  active: boolean;
  /** checkouts and counter sales that used it */
  uses: number;
  /** Σ what it took off */
  discountCents: number;
  /** counter sales made offline beyond a limit (accepted at the till, reported here) */
  overLimitUses: number;
  createdAt: string;
}

export interface PromoPage {
  items: PromoView[];
  nextCursor: string | null;
}

export interface PromoRedemptionView {
  id: string;
  orderId: string;
  orderNumber: string;
  vendorId: string;
  channel: 'web' | 'counter';
  discountCents: number;
  overLimit: boolean;
  createdAt: string;
}

export interface PromoRedemptionPage {
  items: PromoRedemptionView[];
  nextCursor: string | null;
}

export const PROMO_REFUSALS = ['unknown', 'inactive', 'not_started', 'expired', 'below_minimum', 'used_up', 'customer_limit', 'first_order_only', 'wrong_shop', 'sign_in'] as const;
export type PromoRefusal = (typeof PROMO_REFUSALS)[number];

/** One shop order's part of a promo: the 'promo' adjustment for `computeTotals` and what it took off. */
export interface PromoShopShare {
  vendorId: string;
  discount: Discount;
  cents: number;
}

/** The cart quote's answer about the code the customer typed. */
export interface CartQuotePromo {
  code: string;
  applied: boolean;
  /** a sentence for the customer when it does not apply ("Spend £2.50 more at …") */
  reason: string | null;
  refusal: PromoRefusal | null;
  description: string;
  fundedBy: 'shop' | 'marketplace' | null;
  shops: PromoShopShare[];
  totalCents: number;
}

/**
 * The promo code a counter sale used (`saleCompleteArgs.promo`): accepted at the till (online check, or a synced
 * code offline) and never refused when the sale syncs; the server records the redemption and flags it over-limit
 * when a limit had been reached. `lines` are the lines' shares of `cents` (the cart's 'promo' adjustment).
 */
export const salePromoArgs = z.object({
  code: promoCodeEntrySchema,
  cents: centsSchema,
  lines: z.array(z.object({ lineId: uuidSchema, cents: centsSchema })).max(500).default([]),
});
export type SalePromoArgs = z.infer<typeof salePromoArgs>;

/**
 * A shop code as the counter's till knows it (change entity 'promo_code', id = the code's id): enough to apply it
 * offline. Uses and limits stay on the server, which reconciles them when the sale syncs (over-use is reported).
 */
export interface SyncPromoCode {
  id: string;
  vendorId: string;
  code: string;
  description: string;
  discount: PromoDiscount;
  minBasketCents: number;
  firstOrderOnly: boolean;
  startsAt: string | null;
  endsAt: string | null;
  active: boolean;
  updatedAt: string;
}
