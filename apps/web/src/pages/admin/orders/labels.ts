import type { AdminOrderRow, AdminTimelineKind } from '@makeries/shared';

export const PAYMENT_LABELS: Record<AdminOrderRow['paymentStatus'], { label: string; color: string }> = {
  unpaid: { label: 'Unpaid', color: 'gray' },
  pay_at_pickup: { label: 'Pay at pickup', color: 'gray' },
  authorized: { label: 'Card authorised', color: 'blue' },
  paid: { label: 'Paid by card', color: 'green' },
  partially_refunded: { label: 'Partly refunded', color: 'orange' },
  refunded: { label: 'Refunded', color: 'red' },
};

export const TIMELINE_COLORS: Record<AdminTimelineKind, string> = {
  status: 'gray',
  payment: 'green',
  transfer: 'blue',
  reversal: 'orange',
  refund: 'orange',
  email: 'grape',
  dispute: 'red',
};

/** "accepted" → "Accepted", "out_for_delivery" → "Out for delivery". */
export function humanize(word: string): string {
  const s = word.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
