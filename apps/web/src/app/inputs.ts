import type { GeoPoint, SearchProductsInputRaw, ShopDirectoryInputRaw } from '@makeries/shared';

/**
 * Inputs a loader and its page must both send: the query key is the procedure and its input, so the page finds
 * what the loader (or the server render) put in the cache only when both build the input the same way.
 */
export const MY_ORDERS = { limit: 50 };

/** The orders on the page shown, to ask which of them were reviewed. */
export function reviewedInput(orders: { id: string }[]) {
  return { orderIds: orders.map((o) => o.id) };
}

/** One page of the home page's shops: nearest first around the shopper, else the most popular. */
const HOME_SHOPS_PAGE = 24;

export function shopDirectoryInput(near: GeoPoint | null, cursor: string | null): ShopDirectoryInputRaw {
  return { limit: HOME_SHOPS_PAGE, ...(near ? { near: { lat: near.lat, lng: near.lng } } : {}), ...(cursor ? { cursor } : {}) };
}

/** "Popular right now" on the home page: the market's best sellers, or those of the shops nearest the shopper. */
export function popularInput(near: GeoPoint | null) {
  return { limit: 8, ...(near ? { near: { lat: near.lat, lng: near.lng } } : {}) };
}

export function orderInput(orderId: string, trackingToken: string | null) {
  return { orderId, ...(trackingToken ? { trackingToken } : {}) };
}

/** The order's message thread on the tracking page (the live channel merges into this query). */
export function messagesInput(orderId: string, trackingToken: string | null) {
  return { orderId, limit: 50, ...(trackingToken ? { trackingToken } : {}) };
}

export type ReviewTarget = { vendorId: string } | { productId: string };

const REVIEWS_PAGE = 5;

export function reviewsInput(target: ReviewTarget, cursor: string | null = null) {
  return { ...target, limit: REVIEWS_PAGE, ...(cursor ? { cursor } : {}) };
}

/** Search input for the shop pages. */
export function vendorProductsInput(vendorId: string, cursor?: string): SearchProductsInputRaw {
  return { q: '', vendorId, sort: 'popularity', facets: false, limit: 48, ...(cursor ? { cursor } : {}) };
}
