import type { GeoPoint, SearchProductsInputRaw } from '@makeries/shared';

/**
 * Inputs a loader and its page must both send: the query key is the procedure and its input, so the page finds
 * what the loader (or the server render) put in the cache only when both build the input the same way.
 */
export const ALL_SHOPS = { limit: 200 };
export const MY_ORDERS = { limit: 50 };

export function nearbyInput(at: GeoPoint) {
  return { lat: at.lat, lng: at.lng, radiusKm: 25, limit: 24 };
}

export function orderInput(orderId: string, trackingToken: string | null) {
  return { orderId, ...(trackingToken ? { trackingToken } : {}) };
}

export type ReviewTarget = { vendorId: string } | { productId: string };

const REVIEWS_PAGE = 5;

export function reviewsInput(target: ReviewTarget, cursor: string | null = null) {
  return { ...target, limit: REVIEWS_PAGE, ...(cursor ? { cursor } : {}) };
}

/** Search inputs for the home page and shop pages. */
export function trendingInput(near: GeoPoint | null): SearchProductsInputRaw {
  return { q: '', sort: 'popularity', facets: false, limit: 8, inStock: true, ...(near ? { near, radiusKm: 25 } : {}) };
}

export function vendorProductsInput(vendorId: string, cursor?: string): SearchProductsInputRaw {
  return { q: '', vendorId, sort: 'popularity', facets: false, limit: 48, ...(cursor ? { cursor } : {}) };
}
