import { promoDiscountSchema, type CartAdjustment, type CartTotals, type SalePromoArgs } from '@makeries/shared';
import { z } from 'zod';
import type { CartRow } from '../cart/store';

/** The key of the promo code's adjustment in shared computeTotals (before loyalty). */
export const PROMO_KEY = 'promo';

/**
 * A shop code as it was when the cashier applied it to the sale (stored on the cart as JSON), so the totals stay
 * the same on the screen, at payment and on the receipt even if the synced code changes meanwhile; the server
 * reconciles limits and flags over-use when the sale syncs.
 */
const tillPromoSchema = z.object({
  promoId: z.string(),
  code: z.string(),
  description: z.string(),
  discount: promoDiscountSchema,
  minBasketCents: z.number().int().min(0),
  firstOrderOnly: z.boolean(),
});
export type TillPromo = z.infer<typeof tillPromoSchema>;

/** What the register shows about the code on the sale. */
export interface CartPromoView {
  code: string;
  description: string;
  /** what it takes off the sale now (0 while it does not apply) */
  cents: number;
  /** why it does not apply at the moment ("Spend £2.50 more…"), or null */
  reason: string | null;
}

/** The code stored on a cart row, or null (none or unreadable). */
export function cartPromo(cart: Pick<CartRow, 'promo'>): TillPromo | null {
  if (!cart.promo) return null;
  const parsed = tillPromoSchema.safeParse(JSON.parse(cart.promo));
  return parsed.success ? parsed.data : null;
}

/**
 * Why the code on the sale does not apply to it now, or null: the minimum basket is measured on the goods before the
 * promo (after the till's own discounts), like the storefront; a first-order code needs a customer on the sale.
 */
export function promoShortfall(p: TillPromo, goodsCents: number, customerId: string | null, money: (cents: number) => string): string | null {
  if (p.firstOrderOnly && !customerId) return `The code ${p.code} is for a customer's first order: attach the customer to the sale first.`;
  if (goodsCents <= 0) return `Add something to the sale to use the code ${p.code}.`;
  if (goodsCents < p.minBasketCents) return `Spend ${money(p.minBasketCents - goodsCents)} more to use the code ${p.code}.`;
  return null;
}

/** The cart's 'promo' adjustment for computeTotals (before loyalty's), given the goods before any adjustment. */
export function cartPromoAdjustments(cart: Pick<CartRow, 'promo' | 'customerId'>, goodsCents: number): CartAdjustment[] {
  const p = cartPromo(cart);
  if (!p || promoShortfall(p, goodsCents, cart.customerId ?? null, String) !== null) return [];
  return [{ key: PROMO_KEY, discount: p.discount }];
}

/** What the sale carries to the server: the code and exactly what the totals took off, per line. */
export function salePromoOf(cart: Pick<CartRow, 'promo'>, totals: CartTotals): SalePromoArgs | null {
  const p = cartPromo(cart);
  const cents = totals.adjustments.find((a) => a.key === PROMO_KEY)?.cents ?? 0;
  if (!p || cents <= 0) return null;
  const lines = totals.lines
    .map((l) => ({ lineId: l.key, cents: l.adjustments.find((a) => a.key === PROMO_KEY)?.cents ?? 0 }))
    .filter((l) => l.cents > 0);
  return { code: p.code, cents, lines };
}
