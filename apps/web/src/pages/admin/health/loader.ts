import type { LoaderFunctionArgs } from 'react-router';
import type { LoaderDeps } from '../../../app/loader-kit';
import type { PageData } from '../../../app/seo';
import { rangeFromSearch } from './range';

/** Fills the cache with the market settings and, for a signed-in operator, the summary of the range in the URL. */
export function healthLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<PageData> => {
    const market = await queryClient.query({ ...trpc.market.settings.queryOptions(), staleTime: 'static' });
    const range = rangeFromSearch(new URL(request.url).searchParams, market.timezone);
    // signed out: the page says so (the console shell's sign-in takes over once merged)
    await queryClient.query(trpc.admin.health.summary.queryOptions(range)).catch(() => null);
    return { seo: { title: 'Market health', noindex: true } };
  };
}
