import type { LoaderFunctionArgs } from 'react-router';
import { failureOf } from '../../app/api';
import type { LoaderDeps } from '../../app/loader-kit';
import { popularInput, shopDirectoryInput } from '../../app/inputs';
import type { PageData } from '../../app/seo';
import { locationFromRequest, type ShopperLocation } from '../../lib/location';
import { market } from '../../lib/market';

export interface HomeData extends PageData {
  location: ShopperLocation | null;
  /** the page of shops shown: null for the first, else the `?shops=` link of a "Show more shops" */
  shopsCursor: string | null;
}

/** The query parameter of the shops' page links: plain links, so paging works without JavaScript too. */
export const SHOPS_PARAM = 'shops';

export function homeLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<HomeData> => {
    const location = locationFromRequest(request);
    const url = new URL(request.url);
    const origin = url.origin;
    const asked = url.searchParams.get(SHOPS_PARAM);
    let shopsCursor = asked && asked.length <= 200 ? asked : null;
    const shops = (cursor: string | null) => queryClient.query({ ...trpc.vendors.directory.queryOptions(shopDirectoryInput(location, cursor)), staleTime: 'static' });
    await Promise.all([
      queryClient.query({ ...trpc.catalog.categories.queryOptions(), staleTime: 'static' }),
      queryClient.query({ ...trpc.catalog.popular.queryOptions(popularInput(location)), staleTime: 'static' }),
      shops(shopsCursor).catch(async (e: unknown) => {
        // a page link from before the shopper moved (or a mangled one): start the list again
        if (shopsCursor === null || failureOf(e).appCode !== 'BAD_INPUT') throw e;
        shopsCursor = null;
        return shops(null);
      }),
    ]);
    return {
      location,
      shopsCursor,
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
