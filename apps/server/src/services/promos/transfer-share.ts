import { platformFee } from '../payments/vendor-account';

export interface ShareOrder {
  totalCents: number;
  promoCents: number;
  promoFundedBy: 'shop' | 'marketplace' | null;
}

/**
 * What a shop is paid for one order and the platform's fee. A marketplace-funded promo comes off the platform fee:
 * the shop is paid as if undiscounted (total + promo − fee on that total). When the fee is smaller than the
 * discount the platform still pays the shop in full and makes a loss on the order (`platformNetCents` < 0). A
 * shop-funded promo is the shop's own price cut: the fee is on what the customer paid.
 */
export function transferShare(order: ShareOrder, feeBps: number): { amountCents: number; feeCents: number; platformNetCents: number } {
  const marketplace = order.promoFundedBy === 'marketplace' ? order.promoCents : 0;
  const undiscounted = order.totalCents + marketplace;
  const feeCents = platformFee(undiscounted, feeBps);
  const amountCents = undiscounted - feeCents;
  return { amountCents, feeCents, platformNetCents: order.totalCents - amountCents };
}
