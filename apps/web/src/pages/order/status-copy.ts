import type { OrderStatus } from '@makeries/shared';

/** What the customer reads for each status: a headline and what happens next. */
export function statusCopy(o: { status: OrderStatus; fulfilment: string; vendorName: string; prepMinutes: number | null; statusReason: string | null }): { headline: string; detail: string } {
  const delivery = o.fulfilment === 'delivery';
  switch (o.status) {
    case 'placed':
      return { headline: 'Order placed', detail: `Waiting for ${o.vendorName} to accept it. This page updates by itself.` };
    case 'accepted':
      return { headline: 'Accepted', detail: o.prepMinutes ? `${o.vendorName} expects it ready in about ${o.prepMinutes} minutes.` : `${o.vendorName} has your order.` };
    case 'preparing':
      return { headline: 'Being prepared', detail: `${o.vendorName} is getting your order ready.` };
    case 'ready':
      return delivery
        ? { headline: 'Ready', detail: 'Your order is packed and will be on its way shortly.' }
        : { headline: 'Ready for pickup', detail: `Collect it from ${o.vendorName} and pay there.` };
    case 'out_for_delivery':
      return { headline: 'Out for delivery', detail: 'Your order is on its way. Pay when it arrives.' };
    case 'completed':
      return { headline: delivery ? 'Delivered' : 'Collected', detail: 'Thank you for shopping local!' };
    case 'rejected':
      return { headline: 'Declined by the shop', detail: o.statusReason ?? `${o.vendorName} could not take this order.` };
    case 'cancelled':
      return { headline: 'Cancelled', detail: o.statusReason ?? 'This order was cancelled. Nothing is owed.' };
  }
}

/** The happy path shown as a timeline, for this fulfilment. */
export function statusSteps(fulfilment: string): OrderStatus[] {
  return fulfilment === 'delivery'
    ? ['placed', 'accepted', 'preparing', 'ready', 'out_for_delivery', 'completed']
    : ['placed', 'accepted', 'preparing', 'ready', 'completed'];
}
