import { computeTotals, uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { orderLines, orders, promoCodes, promoRedemptions } from '../../db/schema/index';
import type { PricedCart } from '../orders/checkout-price';
import { promoCentsOf, requirePromo, withPromo } from './apply';
import { customerKey, type PromoCustomer } from './lookup';
import type { PromoRow } from './rules';

export interface AppliedPromo {
  promo: PromoRow;
  customer: PromoCustomer;
}

/**
 * Checkout step (after pricing, before stock is reserved): the code is checked again under its row lock and each
 * qualifying shop order is re-totalled with its 'promo' adjustment. Without a code the carts come back unchanged.
 * A code that no longer applies refuses the checkout (PROMO_NOT_APPLICABLE) and nothing is written.
 */
export async function applyCheckoutPromo(
  tx: Tx,
  code: string | undefined,
  priced: PricedCart[],
  customer: PromoCustomer,
  now: Date,
): Promise<{ carts: PricedCart[]; applied: AppliedPromo | null }> {
  if (!code) return { carts: priced, applied: null };
  const carts = priced.map((c) => ({ vendorId: c.vendor.id, vendorName: c.vendor.name, currency: c.vendor.currency, input: c.totalsInput }));
  const { promo, shares } = await requirePromo(tx, code, carts, customer, now);
  const repriced = priced.map((c) => {
    const discount = shares.get(c.vendor.id);
    if (!discount) return c;
    const totalsInput = withPromo(c.totalsInput, discount);
    return { ...c, totalsInput, totals: computeTotals(totalsInput) };
  });
  return { carts: repriced, applied: { promo, customer } };
}

/**
 * After an order is written, before its confirmation email is composed: the order and its lines remember the
 * promo (refunds, receipts, the email), with one redemption per order (unique: a replay redeems nothing twice).
 */
export async function recordOrderPromo(tx: Tx, applied: AppliedPromo | null, cart: PricedCart, orderId: string, checkoutId: string): Promise<void> {
  if (!applied || !cart.totalsInput.adjustments?.some((a) => a.key === 'promo')) return;
  const { promo } = applied;
  const cents = promoCentsOf(cart.totals);
  await tx.update(orders).set({ promoCodeId: promo.id, promoCode: promo.code, promoFundedBy: promo.fundedBy, promoCents: cents }).where(eq(orders.id, orderId));
  for (const line of cart.totals.lines) {
    const share = line.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
    if (share === 0) continue;
    await tx
      .update(orderLines)
      .set({ promoCents: share })
      .where(and(eq(orderLines.orderId, orderId), eq(orderLines.variantId, line.key)));
  }
  await tx.insert(promoRedemptions).values({
    id: uuidv7(),
    promoCodeId: promo.id,
    orderId,
    vendorId: cart.vendor.id,
    useKey: `checkout:${checkoutId}`,
    customerKey: customerKey(applied.customer),
    channel: 'web',
    discountCents: cents,
  });
}

/** The checkout is one use of the code however many shops it spans; counted under the lock `applyCheckoutPromo` took. */
export async function countPromoUse(tx: Tx, applied: AppliedPromo | null, carts: PricedCart[]): Promise<void> {
  if (!applied) return;
  const given = carts.reduce((sum, c) => sum + promoCentsOf(c.totals), 0);
  await tx
    .update(promoCodes)
    .set({ uses: sql`${promoCodes.uses} + 1`, discountGivenCents: sql`${promoCodes.discountGivenCents} + ${given}`, updatedAt: new Date() })
    .where(eq(promoCodes.id, applied.promo.id));
}
