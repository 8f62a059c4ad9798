import type { LoaderFunctionArgs } from 'react-router';
import { notFound, type LoaderDeps } from '../../../app/loader-kit';
import type { PageData } from '../../../app/seo';
import { listInputOf } from './list-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The queue and the shop list: prefetched for the signed-in operator; a refusal is shown by the page itself. */
export function shopsListLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const input = listInputOf(new URL(request.url).searchParams);
    await queryClient.query(trpc.admin.shops.list.queryOptions(input)).catch(() => null);
    return { seo: { title: 'Shops · Console', noindex: true } };
  };
}

export function shopDetailLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params }: LoaderFunctionArgs): Promise<PageData> => {
    const vendorId = params.vendorId ?? '';
    if (!UUID.test(vendorId)) notFound('Shop not found', 'That link does not name a shop.');
    const shop = await queryClient.query(trpc.admin.shops.detail.queryOptions({ vendorId })).catch(() => null);
    return { seo: { title: `${shop?.name ?? 'Shop'} · Console`, noindex: true } };
  };
}
