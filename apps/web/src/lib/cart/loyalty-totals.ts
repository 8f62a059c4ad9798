import { computeTotals, GRAMS_PER_KG, loyaltyAdjustment, type CartQuote, type LoyaltyRedemption } from '@makeries/shared';
import type { VendorGroupView } from './view';

/**
 * What a shop's order comes to with a loyalty redemption: the shared computeTotals on the same lines with the
 * 'loyalty' adjustment (tax after it, as the server charges). Returns the saving on the group's total.
 */
export function loyaltySaving(group: VendorGroupView, quote: CartQuote | null, redemption: LoyaltyRedemption): number {
  if (redemption.cents <= 0) return 0;
  const rates = new Map((quote?.lines ?? []).map((l) => [l.variantId, l.taxRatesBps]));
  const totals = computeTotals({
    currency: group.totals.currency,
    taxMode: group.totals.taxMode,
    lines: group.lines
      .filter((l) => !l.missing)
      .map((l) => ({
        key: l.variantId,
        unitPriceCents: l.unitPriceCents,
        quantity: l.quantity,
        quantityScale: l.soldBy === 'weight' ? GRAMS_PER_KG : 1,
        taxRatesBps: rates.get(l.variantId) ?? [],
      })),
    adjustments: loyaltyAdjustment(redemption),
    deliveryFeeCents: group.totals.deliveryFeeCents,
  });
  return group.totals.totalCents - totals.totalCents;
}
