import { LOYALTY_KEY, loyaltyAdjustment, saleLoyaltySchema, type CartAdjustment, type CartTotals, type SaleLoyalty } from '@makeries/shared';
import type { CartRow } from '../cart/store';

/** The redemption stored on a cart row, or null (none, no customer, or unreadable). */
export function cartRedemption(cart: Pick<CartRow, 'loyalty' | 'customerId'>): SaleLoyalty | null {
  if (!cart.loyalty || !cart.customerId) return null;
  const raw = JSON.parse(cart.loyalty) as { customerId?: unknown };
  // a redemption belongs to the card it was made on: another customer attached later does not inherit it
  if (raw.customerId !== cart.customerId) return null;
  const parsed = saleLoyaltySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The cart's 'loyalty' adjustment for computeTotals: only while a customer is on the sale. */
export function cartLoyaltyAdjustments(cart: Pick<CartRow, 'loyalty' | 'customerId'>): CartAdjustment[] {
  const r = cartRedemption(cart);
  return r ? loyaltyAdjustment(r) : [];
}

/**
 * What the sale carries to the server: the redemption at what the totals actually took off (a reward larger
 * than the basket takes only the basket; points give back what was not needed — loyaltyUsed).
 */
export function saleLoyaltyOf(cart: Pick<CartRow, 'loyalty' | 'customerId'>, totals: CartTotals): SaleLoyalty | null {
  const r = cartRedemption(cart);
  if (!r) return null;
  const applied = totals.adjustments.find((a) => a.key === LOYALTY_KEY)?.cents ?? 0;
  if (applied <= 0) return null;
  if (r.scheme === 'points' && applied < r.cents) {
    // points are worth r.cents / r.units each: use only what the applied discount needs
    return { scheme: 'points', units: Math.max(1, Math.ceil((applied * r.units) / r.cents)), cents: applied };
  }
  return { ...r, cents: applied };
}
