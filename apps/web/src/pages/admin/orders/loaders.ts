import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../../app/loader-kit';
import type { PageData } from '../../../app/seo';
import { disputesInputFrom, isOrderId, searchInputFrom } from './search-params';

const SIGN_IN = ['Operator console', 'Sign in to the operator console to see this page.'] as const;
const NO_ORDER = ['Order not found', 'There is no order with that id. Search for it by number, email or shop.'] as const;

/** Console loaders fill the query cache through the operator's session; without one the page is a plain 404. */
export function ordersSearchLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const input = searchInputFrom(new URL(request.url).searchParams);
    await orNotFound(queryClient.query({ ...trpc.admin.orders.search.queryOptions(input), staleTime: 30_000 }), ...SIGN_IN);
    return { seo: { title: 'Orders — Makeries console', noindex: true } };
  };
}

export function orderDetailLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params }: LoaderFunctionArgs): Promise<PageData> => {
    const orderId = params.orderId ?? '';
    if (!isOrderId(orderId)) notFound(...NO_ORDER);
    const detail = await orNotFound(queryClient.query({ ...trpc.admin.orders.detail.queryOptions({ orderId }), staleTime: 10_000 }), ...NO_ORDER);
    return { seo: { title: `Order ${detail.order.number} — Makeries console`, noindex: true } };
  };
}

export function disputesLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const input = disputesInputFrom(new URL(request.url).searchParams);
    await orNotFound(queryClient.query({ ...trpc.admin.orders.disputes.queryOptions(input), staleTime: 30_000 }), ...SIGN_IN);
    return { seo: { title: 'Disputes — Makeries console', noindex: true } };
  };
}
