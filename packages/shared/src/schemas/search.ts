import { z } from 'zod';
import { dietaryTagSchema } from './catalog';
import { centsSchema, latSchema, lngSchema, slugSchema, uuidSchema } from './common';
import { text } from './text';

/** Longest search text we accept; longer input is a paste accident, not a query. */
export const SEARCH_QUERY_MAX_CHARS = 200;
/** Every word is ANDed, so more words than this only ever narrows to nothing while costing work. */
export const SEARCH_QUERY_MAX_WORDS = 8;
export const SEARCH_PAGE_MAX = 50;
export const SEARCH_DEFAULT_RADIUS_KM = 25;
export const SEARCH_MAX_RADIUS_KM = 200;

/**
 * Splits search text into words the way Postgres' default text-search parser does for plain words: runs of
 * letters and digits; everything else (quotes, operators, punctuation) separates words and is dropped.
 * Shared so the web can show the same words the server searched for.
 */
export function tokenizeSearchQuery(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

export const SEARCH_SORTS = ['relevance', 'distance', 'price_asc', 'price_desc', 'popularity', 'newest'] as const;
export const searchSortSchema = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof searchSortSchema>;

export const FULFILMENT_KINDS = ['pickup', 'delivery'] as const;
export const fulfilmentKindSchema = z.enum(FULFILMENT_KINDS);
export type FulfilmentKind = z.infer<typeof fulfilmentKindSchema>;

/** Price bands of the price facet, in minor units, bounds inclusive; `maxCents: null` is open-ended. */
export const PRICE_BANDS = [
  { key: 'under-500', minCents: 0, maxCents: 499 },
  { key: '500-999', minCents: 500, maxCents: 999 },
  { key: '1000-1999', minCents: 1000, maxCents: 1999 },
  { key: '2000-plus', minCents: 2000, maxCents: null },
] as const;
export type PriceBandKey = (typeof PRICE_BANDS)[number]['key'];

export const geoPointSchema = z.object({ lat: latSchema, lng: lngSchema });
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const radiusKmSchema = z
  .number()
  .positive('The radius must be more than 0 km')
  .max(SEARCH_MAX_RADIUS_KM, `The radius can be at most ${SEARCH_MAX_RADIUS_KM} km`);

const searchTextSchema = text({
  max: SEARCH_QUERY_MAX_CHARS,
  maxMessage: `Search text can be at most ${SEARCH_QUERY_MAX_CHARS} characters`,
  trim: false,
  label: 'Searches',
})
  .refine((q) => tokenizeSearchQuery(q).length <= SEARCH_QUERY_MAX_WORDS, {
    error: `Search with at most ${SEARCH_QUERY_MAX_WORDS} words`,
  });

export const searchProductsInput = z
  .object({
    q: searchTextSchema.default(''),
    categorySlug: slugSchema.optional(),
    /** several categories match any of them */
    categorySlugs: z.array(slugSchema).max(20, 'Pick at most 20 categories').optional(),
    /** every tag must be present on the product */
    dietary: z.array(dietaryTagSchema).max(10, 'Pick at most 10 dietary tags').optional(),
    priceMin: centsSchema.optional(),
    priceMax: centsSchema.optional(),
    vendorId: uuidSchema.optional(),
    inStock: z.boolean().optional(),
    openNow: z.boolean().optional(),
    fulfilment: fulfilmentKindSchema.optional(),
    near: geoPointSchema.optional(),
    /** only with `near`; defaults to SEARCH_DEFAULT_RADIUS_KM */
    radiusKm: radiusKmSchema.optional(),
    /** defaults to relevance with search text, popularity without */
    sort: searchSortSchema.optional(),
    /** false skips facet counting (e.g. infinite scroll); facets are only computed for the first page */
    facets: z.boolean().default(true),
    cursor: text({ max: 500, maxMessage: 'This page link is not valid', trim: false, label: 'Page links' }).optional(),
    limit: z.number().int().min(1, 'Ask for at least 1 result').max(SEARCH_PAGE_MAX, `Ask for at most ${SEARCH_PAGE_MAX} results`).default(24),
  })
  .refine((i) => i.priceMin === undefined || i.priceMax === undefined || i.priceMin <= i.priceMax, {
    error: 'The minimum price must not be above the maximum price',
    path: ['priceMax'],
  })
  .refine((i) => i.sort !== 'distance' || i.near !== undefined, {
    error: 'Sorting by distance needs your location',
    path: ['sort'],
  })
  .refine((i) => i.radiusKm === undefined || i.near !== undefined, {
    error: 'A search radius needs your location',
    path: ['radiusKm'],
  });
export type SearchProductsInput = z.infer<typeof searchProductsInput>;
export type SearchProductsInputRaw = z.input<typeof searchProductsInput>;

export const autocompleteInput = z.object({
  q: searchTextSchema,
  near: geoPointSchema.optional(),
  radiusKm: radiusKmSchema.optional(),
});
export type AutocompleteInput = z.infer<typeof autocompleteInput>;

export const vendorsNearbyInput = z.object({
  lat: latSchema,
  lng: lngSchema,
  radiusKm: radiusKmSchema.default(SEARCH_DEFAULT_RADIUS_KM),
  openNow: z.boolean().optional(),
  limit: z.number().int().min(1).max(100, 'Ask for at most 100 vendors').default(50),
});
export type VendorsNearbyInput = z.infer<typeof vendorsNearbyInput>;

export interface SearchProductItem {
  id: string;
  name: string;
  vendor: { id: string; slug: string; name: string; distanceMeters?: number };
  minPriceCents: number;
  currency: string;
  /** URL path of the first image's thumbnail, e.g. `/media/…` */
  imageThumb?: string;
  inStock: boolean;
  dietaryTags: string[];
  categorySlug: string | null;
}

export interface SearchFacets {
  categories: { slug: string; name: string; count: number }[];
  dietary: { tag: string; count: number }[];
  priceBands: { key: PriceBandKey; minCents: number; maxCents: number | null; count: number }[];
  vendors: { id: string; slug: string; name: string; count: number }[];
}

export interface SearchProductsResult {
  items: SearchProductItem[];
  nextCursor: string | null;
  /** matching products over all pages; computed with the facets (first page), else null */
  total: number | null;
  /**
   * true when `total` and the facet counts are estimates ("about N"): a wide search counts a bounded sample of
   * its matches instead of every match, so its cost does not grow with the catalog
   */
  totalEstimated?: boolean;
  facets: SearchFacets | null;
  sort: SearchSort;
}

export type AutocompleteSuggestion =
  | { kind: 'product'; label: string; productId: string; vendorSlug: string }
  | { kind: 'category'; label: string; slug: string }
  | { kind: 'vendor'; label: string; vendorId: string; slug: string; distanceMeters?: number };

export interface NearbyVendor {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string;
  lat: number;
  lng: number;
  /** URL path of the shop picture, e.g. `/media/…` */
  imageUrl: string | null;
  distanceMeters: number;
  /** inside today's opening hours and not paused */
  isOpenNow: boolean;
  paused: boolean;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
}
