import { formatMoney, type PromoView } from '@makeries/shared';

/** "10% off" / "£5.00 off", with the conditions a customer meets, in one line. */
export function promoSummary(p: PromoView, currency: string): string {
  const off = p.discount.kind === 'percent' ? `${p.discount.bps / 100}% off` : `${formatMoney(p.discount.amountCents, currency)} off`;
  const parts = [off];
  if (p.minBasketCents > 0) parts.push(`over ${formatMoney(p.minBasketCents, currency)} per shop`);
  if (p.firstOrderOnly) parts.push('first order only');
  if (p.perCustomerLimit !== null) parts.push(`${p.perCustomerLimit} per customer`);
  if (p.totalLimit !== null) parts.push(`${p.totalLimit} in all`);
  return parts.join(' · ');
}
