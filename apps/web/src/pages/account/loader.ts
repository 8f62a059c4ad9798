import type { LoaderDeps } from '../../app/loader-kit';
import { MY_ORDERS, reviewedInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';

export function accountLoader({ trpc, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    const me = await queryClient.query(trpc.auth.me.queryOptions());
    if (me.kind === 'customer') {
      const orders = await queryClient.query({ ...trpc.orders.listMine.queryOptions(MY_ORDERS), staleTime: 'static' });
      await queryClient.query({ ...trpc.reviews.reviewedOrders.queryOptions(reviewedInput(orders.items)), staleTime: 'static' });
    }
    return { seo: { title: me.kind === 'customer' ? 'Your account' : 'Sign in', noindex: true } };
  };
}
