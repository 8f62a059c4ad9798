import type { GeoPoint, SearchProductsInputRaw } from '@makeries/shared';
import { queryOptions } from '@tanstack/react-query';
import type { Api } from './api';
import { accountExtrasQueries } from './queries-account';

/** Every query the pages make, keyed by procedure and input: loaders fill the cache, components read it. */
export const queries = {
  me: (api: Api) => queryOptions({ queryKey: ['auth.me'], queryFn: () => api.auth.me.query() }),
  categories: (api: Api) => queryOptions({ queryKey: ['catalog.categories'], queryFn: () => api.catalog.categories.query() }),
  vendors: (api: Api) => queryOptions({ queryKey: ['vendors.list'], queryFn: () => api.vendors.list.query({ limit: 200 }) }),
  vendorsNearby: (api: Api, at: GeoPoint) =>
    queryOptions({
      queryKey: ['search.vendorsNearby', at],
      queryFn: () => api.search.vendorsNearby.query({ lat: at.lat, lng: at.lng, radiusKm: 25, limit: 24 }),
    }),
  vendorBySlug: (api: Api, slug: string) => queryOptions({ queryKey: ['vendors.bySlug', slug], queryFn: () => api.vendors.bySlug.query({ slug }) }),
  vendorById: (api: Api, vendorId: string) => queryOptions({ queryKey: ['vendors.byId', vendorId], queryFn: () => api.vendors.byId.query({ vendorId }) }),
  product: (api: Api, productId: string) => queryOptions({ queryKey: ['products.byId', productId], queryFn: () => api.products.byId.query({ productId }) }),
  search: (api: Api, input: SearchProductsInputRaw) =>
    queryOptions({ queryKey: ['search.products', input], queryFn: () => api.search.products.query(input) }),
  order: (api: Api, orderId: string, trackingToken: string | null) =>
    queryOptions({
      queryKey: ['orders.byId', orderId, trackingToken],
      queryFn: () => api.orders.byId.query({ orderId, ...(trackingToken ? { trackingToken } : {}) }),
    }),
  myOrders: (api: Api) => queryOptions({ queryKey: ['orders.listMine'], queryFn: () => api.orders.listMine.query({ limit: 50 }) }),
  ...accountExtrasQueries,
};

export type Me = Awaited<ReturnType<Api['auth']['me']['query']>>;
export type ProductDetail = Awaited<ReturnType<Api['products']['byId']['query']>>;
export type PublicVendor = Awaited<ReturnType<Api['vendors']['byId']['query']>>;
export type SearchResult = Awaited<ReturnType<Api['search']['products']['query']>>;
export type Category = Awaited<ReturnType<Api['catalog']['categories']['query']>>[number];
export type OrderDetail = Awaited<ReturnType<Api['orders']['byId']['query']>>;

/** Search inputs for the home page and shop pages. */
export function trendingInput(near: GeoPoint | null): SearchProductsInputRaw {
  return { q: '', sort: 'popularity', facets: false, limit: 8, inStock: true, ...(near ? { near, radiusKm: 25 } : {}) };
}

export function vendorProductsInput(vendorId: string, cursor?: string): SearchProductsInputRaw {
  return { q: '', vendorId, sort: 'popularity', facets: false, limit: 48, ...(cursor ? { cursor } : {}) };
}
