import { Button, Center } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { MY_ORDERS, reviewedInput } from '../../app/inputs';
import { OrderList } from './order-list';
import { useOlderOrders } from './use-older-orders';

export function SignedInOrders() {
  const trpc = useTRPC();
  const first = useSuspenseQuery(trpc.orders.listMine.queryOptions(MY_ORDERS)).data;
  const more = useOlderOrders(first.nextCursor);
  const orders = [...first.items, ...more.older];
  const reviewed = [...(useQuery(trpc.reviews.reviewedOrders.queryOptions(reviewedInput(first.items))).data ?? []), ...more.reviewed];
  // collected or delivered orders invite a review (until the shop has one from this order)
  const action = (o: { id: string; status: string }) =>
    o.status === 'completed' ? { href: `/account/orders/${o.id}/review`, label: reviewed.includes(o.id) ? 'Your review' : 'Write a review' } : undefined;
  return (
    <>
      <OrderList
        orders={orders.map((o) => ({ id: o.id, href: `/orders/${o.id}`, number: o.number, vendorName: o.vendorName, status: o.status, action: action(o), again: {}, totalCents: o.totalCents, currency: o.currency, placedAt: o.placedAt }))}
        empty="No orders yet — they will appear here once you order while signed in."
      />
      {more.hasMore && (
        <Center mt="md">
          <Button variant="default" loading={more.loading} onClick={() => void more.loadMore()}>
            Show older orders
          </Button>
        </Center>
      )}
    </>
  );
}
