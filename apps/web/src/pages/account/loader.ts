import type { LoaderDeps } from '../../app/loader-kit';
import { MY_ORDERS } from '../../app/inputs';
import type { PageData } from '../../app/seo';

export function accountLoader({ trpc, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    const me = await queryClient.query(trpc.auth.me.queryOptions());
    if (me.kind === 'customer') 
      await Promise.all([queryClient.query({ ...trpc.orders.listMine.queryOptions(MY_ORDERS), staleTime: 'static' }), queryClient.query({ ...trpc.reviews.reviewedOrders.queryOptions(), staleTime: 'static' })]);
    return { seo: { title: me.kind === 'customer' ? 'Your account' : 'Sign in', noindex: true } };
  };
}
