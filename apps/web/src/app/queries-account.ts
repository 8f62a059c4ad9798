import { queryOptions } from '@tanstack/react-query';
import type { Api } from './api';

/** Reviews, favourites and saved addresses (spread into `queries`). */
export type ReviewTarget = { vendorId: string } | { productId: string };

export const REVIEWS_PAGE = 5;

export const accountExtrasQueries = {
  reviewSummary: (api: Api, target: ReviewTarget) =>
    queryOptions({ queryKey: ['reviews.summary', target], queryFn: () => api.reviews.summary.query(target) }),
  reviews: (api: Api, target: ReviewTarget, cursor: string | null = null) =>
    queryOptions({
      queryKey: ['reviews.list', target, cursor],
      queryFn: () => api.reviews.list.query({ ...target, limit: REVIEWS_PAGE, ...(cursor ? { cursor } : {}) }),
    }),
  reviewForOrder: (api: Api, orderId: string) =>
    queryOptions({ queryKey: ['reviews.forOrder', orderId], queryFn: () => api.reviews.forOrder.query({ orderId }) }),
  reviewedOrders: (api: Api) => queryOptions({ queryKey: ['reviews.reviewedOrders'], queryFn: () => api.reviews.reviewedOrders.query() }),
  favouriteIds: (api: Api) => queryOptions({ queryKey: ['favourites.ids'], queryFn: () => api.favourites.ids.query() }),
  favourites: (api: Api) => queryOptions({ queryKey: ['favourites.list'], queryFn: () => api.favourites.list.query() }),
  addresses: (api: Api) => queryOptions({ queryKey: ['addresses.list'], queryFn: () => api.addresses.list.query() }),
};
