import type { LoaderFunctionArgs } from 'react-router';
import type { LoaderDeps } from '../../app/loader-kit';
import { ALL_SHOPS, nearbyInput, trendingInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';
import { locationFromRequest, type ShopperLocation } from '../../lib/location';
import { market } from '../../lib/market';

export interface HomeData extends PageData {
  location: ShopperLocation | null;
}

export function homeLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<HomeData> => {
    const location = locationFromRequest(request);
    const origin = new URL(request.url).origin;
    await Promise.all([
      queryClient.query({ ...trpc.catalog.categories.queryOptions(), staleTime: 'static' }),
      location
        ? queryClient.query({ ...trpc.search.vendorsNearby.queryOptions(nearbyInput(location)), staleTime: 'static' })
        : queryClient.query({ ...trpc.vendors.list.queryOptions(ALL_SHOPS), staleTime: 'static' }),
      queryClient.query({ ...trpc.search.products.queryOptions(trendingInput(location)), staleTime: 'static' }),
    ]);
    return {
      location,
      seo: {
        title: 'Makeries',
        description: `Order ahead from independent bakers, grocers, delis and makers near you in ${market().city.name}. Pick up when it suits you, or get it delivered.`,
        canonicalPath: '/',
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'WebSite',
            name: 'Makeries',
            url: `${origin}/`,
            potentialAction: {
              '@type': 'SearchAction',
              target: `${origin}/search?q={search_term_string}`,
              'query-input': 'required name=search_term_string',
            },
          },
        ],
      },
    };
  };
}
