import { useSuspenseQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api';
import { queries } from '../../app/queries';
import { OrderList } from './order-list';

export function SignedInOrders() {
  const api = useApi();
  const orders = useSuspenseQuery(queries.myOrders(api)).data.items;
  return (
    <OrderList
      orders={orders.map((o) => ({ id: o.id, href: `/orders/${o.id}`, number: o.number, vendorName: o.vendorName, status: o.status, totalCents: o.totalCents, currency: o.currency, placedAt: o.placedAt }))}
      empty="No orders yet — they will appear here once you order while signed in."
    />
  );
}
