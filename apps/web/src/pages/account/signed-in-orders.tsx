import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { MY_ORDERS, reviewedInput } from '../../app/inputs';
import { OrderList } from './order-list';

export function SignedInOrders() {
  const trpc = useTRPC();
  const orders = useSuspenseQuery(trpc.orders.listMine.queryOptions(MY_ORDERS)).data.items;
  const reviewed = useQuery(trpc.reviews.reviewedOrders.queryOptions(reviewedInput(orders))).data ?? [];
  // collected or delivered orders invite a review (until the shop has one from this order)
  const action = (o: { id: string; status: string }) =>
    o.status === 'completed' ? { href: `/account/orders/${o.id}/review`, label: reviewed.includes(o.id) ? 'Your review' : 'Write a review' } : undefined;
  return (
    <OrderList
      orders={orders.map((o) => ({ id: o.id, href: `/orders/${o.id}`, number: o.number, vendorName: o.vendorName, status: o.status, action: action(o), totalCents: o.totalCents, currency: o.currency, placedAt: o.placedAt }))}
      empty="No orders yet — they will appear here once you order while signed in."
    />
  );
}
