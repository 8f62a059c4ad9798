import { redirect, type LoaderFunctionArgs } from 'react-router';
import { failureOf } from '../../app/api';
import type { LoaderDeps } from '../../app/loader-kit';
import type { PageData } from '../../app/seo';
import { locationFromRequest, type ShopperLocation } from '../../lib/location';
import { market } from '../../lib/market';
import { EMPTY_SEARCH, parseSearchParams, searchHref, toSearchInput, type SearchState } from '../../lib/search-params';

/** Facet counts belong to the whole result list, which only the first page computes. */
export function facetsInput(s: SearchState) {
  return toSearchInput({ ...s, after: null, page: 1 });
}

export function searchTitle(s: SearchState, categoryName: string | undefined): string {
  if (s.q) return `“${s.q}”`;
  if (categoryName) return categoryName;
  return 'All products';
}

export interface SearchData extends PageData {
  /** the shopper's saved location (cookie), offered for distance filters and sorting */
  savedLocation: ShopperLocation | null;
}

export function searchLoader({ trpc, queryClient }: LoaderDeps) {
  return async ({ request }: LoaderFunctionArgs): Promise<SearchData> => {
    const state = parseSearchParams(new URL(request.url).searchParams);
    const [categories] = await Promise.all([
      queryClient.query({ ...trpc.catalog.categories.queryOptions(), staleTime: 'static' }),
      queryClient.query({ ...trpc.search.products.queryOptions(toSearchInput(state)), staleTime: 'static' }).catch((e: unknown) => {
        // an old "next page" link whose cursor no longer fits: start the same search from page 1
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- React Router follows a thrown redirect Response (its documented pattern in loaders)
        if (state.after && failureOf(e).appCode === 'BAD_INPUT') throw redirect(searchHref({ ...state, after: null, page: 1 }));
        throw e;
      }),
      state.after ? queryClient.query({ ...trpc.search.products.queryOptions(facetsInput(state)), staleTime: 'static' }) : null,
    ]);
    const oneCategory = state.categories.length === 1 ? categories.find((c) => c.slug === state.categories[0]) : undefined;
    // a single category is a landing page worth indexing; text searches and filter mixes are not
    const indexable = !state.q && state.after === null && (state.categories.length === 0 ? searchHref(state) === '/search' : searchHref(state) === searchHref({ ...EMPTY_SEARCH, categories: state.categories }) && !!oneCategory);
    const title = searchTitle(state, oneCategory?.name);
    return {
      savedLocation: locationFromRequest(request),
      seo: {
        title: state.q ? `Search ${title}` : title,
        description: oneCategory
          ? `${oneCategory.name} from independent ${market().city.name} shops: order online, pick up or get it delivered.`
          : `Search products from independent ${market().city.name} shops: bakers, grocers, delis and makers.`,
        ...(indexable ? { canonicalPath: searchHref({ ...EMPTY_SEARCH, categories: state.categories }) } : {}),
        noindex: !indexable,
      },
    };
  };
}
