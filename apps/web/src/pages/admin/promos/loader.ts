import type { LoaderDeps } from '../../../app/loader-kit';
import type { PageData } from '../../../app/seo';

export const FIRST_PAGE = { limit: 25 } as const;

/** Fills the cache with the first page of marketplace codes; signed out, the console shell asks to sign in. */
export function promosLoader({ trpc, queryClient }: LoaderDeps) {
  return async (): Promise<PageData> => {
    await queryClient.query(trpc.admin.promos.list.queryOptions(FIRST_PAGE)).catch(() => null);
    return { seo: { title: 'Promotions', noindex: true } };
  };
}
