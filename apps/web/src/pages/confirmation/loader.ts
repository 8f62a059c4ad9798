import type { LoaderFunctionArgs } from 'react-router';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import { orderInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';

export interface OrderRef {
  id: string;
  token: string;
}

/** `?o=<order id>.<tracking token>` once per order of the checkout (tokens are base64url: no dots). */
export function orderRefs(url: URL): OrderRef[] {
  return url.searchParams
    .getAll('o')
    .map((v) => {
      const dot = v.indexOf('.');
      return { id: v.slice(0, dot), token: v.slice(dot + 1) };
    })
    .filter((r) => /^[0-9a-f-]{36}$/i.test(r.id) && r.token.length >= 10)
    .slice(0, 20);
}

const GONE = ['Order not found', 'This confirmation link is not valid. Check your email for the link to your order.'] as const;

export function confirmationLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const refs = orderRefs(new URL(request.url));
    if (refs.length === 0) notFound(...GONE);
    await Promise.all(refs.map((r) => orNotFound(queryClient.query({ ...trpc.orders.byId.queryOptions(orderInput(r.id, r.token)), staleTime: 'static' }), ...GONE)));
    return { seo: { title: 'Order placed', noindex: true } };
  };
}
