import type { LoaderFunctionArgs } from 'react-router';
import { failureOf } from '../../app/api';
import { notFound, orNotFound, type LoaderDeps } from '../../app/loader-kit';
import type { PageData } from '../../app/seo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Account sub-pages: signed-out visitors get the page with a sign-in prompt (no data to load). */
export function addressesLoader({ trpc, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    const me = await queryClient.query(trpc.auth.me.queryOptions());
    if (me.kind === 'customer') await queryClient.query({ ...trpc.addresses.list.queryOptions(), staleTime: 'static' });
    return { seo: { title: 'Saved addresses', noindex: true } };
  };
}

export function favouritesLoader({ trpc, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    const me = await queryClient.query(trpc.auth.me.queryOptions());
    if (me.kind === 'customer') await queryClient.query({ ...trpc.favourites.list.queryOptions(), staleTime: 'static' });
    return { seo: { title: 'Favourites', noindex: true } };
  };
}

const NO_ORDER = ['Order not found', 'We could not find that order in your account. Sign in with the account you ordered with.'] as const;

export function reviewOrderLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ params }: LoaderFunctionArgs): Promise<PageData> => {
    const orderId = params.orderId ?? '';
    if (!UUID.test(orderId)) notFound(...NO_ORDER);
    const me = await queryClient.query(trpc.auth.me.queryOptions());
    if (me.kind === 'customer') {
      await orNotFound(queryClient.query({ ...trpc.reviews.forOrder.queryOptions({ orderId }), staleTime: 'static' }).catch(rethrowForbidden), ...NO_ORDER);
    }
    return { seo: { title: 'Write a review', noindex: true } };
  };
}

/** Someone else's order reads as "not found" here: the page must not reveal whose it is. */
function rethrowForbidden(e: unknown): never {
  if (failureOf(e).appCode === 'FORBIDDEN') notFound(...NO_ORDER);
  throw e;
}
