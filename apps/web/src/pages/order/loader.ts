import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import { orderInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';

const GONE = ['Order not found', 'We could not find that order. Open the tracking link from your confirmation, or sign in to see your orders.'] as const;

export function tokenFrom(url: URL): string | null {
  const t = url.searchParams.get('t');
  return t && t.length >= 10 && t.length <= 200 ? t : null;
}

export function orderLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<PageData> => {
    const id = params.orderId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(id)) notFound(...GONE);
    const order = await orNotFound(queryClient.query({ ...trpc.orders.byId.queryOptions(orderInput(id, tokenFrom(new URL(request.url)))), staleTime: 'static' }), ...GONE);
    await queryClient.query({ ...trpc.vendors.byId.queryOptions({ vendorId: order.vendorId }), staleTime: 'static' }).catch(() => null);
    return { seo: { title: `Order ${order.number} — ${order.vendorName}`, noindex: true } };
  };
}
