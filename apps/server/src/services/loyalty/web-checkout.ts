import { AppError, loyaltyAdjustment, loyaltyRedemption, loyaltyUsed, LOYALTY_KEY, type CartAdjustment, type LoyaltyProgramme, type LoyaltyRedemption, type LoyaltyUse } from '@makeries/shared';
import type { Tx } from '../../db/client';
import { redeemForOrder } from './order-entries';
import { loyaltyProgrammesOf } from './programme';

export interface WebLoyaltyPlan {
  customerId: string | null;
  byVendor: Map<string, { programme: Exclude<LoyaltyProgramme, { kind: 'off' }>; asked: LoyaltyRedemption }>;
}

/**
 * The checkout's `loyalty` uses, checked before pricing: a signed-in customer, a shop of the cart with a
 * programme, and enough units for at least one reward or one minor unit off. The balance itself is checked
 * when the redemption is written (the card row locked), so two checkouts cannot spend the same points.
 */
export async function planWebLoyalty(tx: Tx, customerId: string | null, uses: readonly LoyaltyUse[] | undefined, cartVendorIds: readonly string[]): Promise<WebLoyaltyPlan> {
  const plan: WebLoyaltyPlan = { customerId, byVendor: new Map() };
  if (!uses || uses.length === 0) return plan;
  if (!customerId) throw new AppError('UNAUTHENTICATED', 'Sign in to use your loyalty stamps or points.');
  const programmes = await loyaltyProgrammesOf(tx, uses.map((u) => u.vendorId));
  for (const use of uses) {
    if (!cartVendorIds.includes(use.vendorId)) throw new AppError('BAD_INPUT', 'Loyalty can only be used at a shop in your cart.', { details: { vendorId: use.vendorId } });
    const programme = programmes.get(use.vendorId);
    if (!programme || programme.kind === 'off') throw new AppError('BAD_INPUT', 'This shop has no loyalty programme any more. Check out without it.', { details: { vendorId: use.vendorId } });
    const asked = loyaltyRedemption(programme, use.units);
    if (asked.units === 0) {
      const need = programme.kind === 'stamps' ? `${programme.stampsForReward} stamps for a reward` : `${Math.ceil(programme.pointsPerPoundOff / 100)} points for the smallest discount`;
      throw new AppError('BAD_INPUT', `That is not enough to redeem: it takes ${need}.`, { details: { vendorId: use.vendorId } });
    }
    plan.byVendor.set(use.vendorId, { programme, asked });
  }
  return plan;
}

/** The 'loyalty' adjustment of one shop's order (after the promo code's, which the caller puts first). */
export function webLoyaltyAdjustments(plan: WebLoyaltyPlan, vendorId: string): CartAdjustment[] {
  const p = plan.byVendor.get(vendorId);
  return p ? loyaltyAdjustment(p.asked) : [];
}

/** Writes the redemption of one shop's order, refusing (and so rolling the checkout back) beyond the balance. */
export async function redeemOnWebOrder(tx: Tx, plan: WebLoyaltyPlan, order: { id: string; vendorId: string; adjustments: readonly { key: string; cents: number }[] }): Promise<void> {
  const p = plan.byVendor.get(order.vendorId);
  if (!p) return;
  const applied = order.adjustments.find((a) => a.key === LOYALTY_KEY)?.cents ?? 0;
  const used = loyaltyUsed(p.programme, p.asked, applied);
  await redeemForOrder(tx, { id: order.id, vendorId: order.vendorId, customerId: plan.customerId }, { scheme: p.programme.kind, units: used.units, cents: used.cents, mayOverdraw: false });
}
