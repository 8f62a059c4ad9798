import type { LoaderDeps } from '../../app/loader-kit';
import { queries } from '../../app/queries';
import type { PageData } from '../../app/seo';

export function accountLoader({ api, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    const me = await queryClient.fetchQuery(queries.me(api));
    if (me.kind === 'customer') await Promise.all([queryClient.ensureQueryData(queries.myOrders(api)), queryClient.ensureQueryData(queries.reviewedOrders(api))]);
    return { seo: { title: me.kind === 'customer' ? 'Your account' : 'Sign in', noindex: true } };
  };
}
