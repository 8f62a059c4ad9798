import {
  DIETARY_TAGS,
  FULFILMENT_KINDS,
  PRICE_BANDS,
  SEARCH_SORTS,
  type DietaryTag,
  type FulfilmentKind,
  type GeoPoint,
  type PriceBandKey,
  type SearchProductsInputRaw,
  type SearchSort,
} from '@makeries/shared';

/**
 * Everything a search page shows is in its URL, so a shared link, a reload and the server render all show the
 * same results. Parsing is forgiving: a hand-edited or stale parameter is dropped, never an error page.
 */
export interface SearchState {
  q: string;
  categories: string[];
  dietary: DietaryTag[];
  price: PriceBandKey | null;
  /** only with `near` */
  distanceKm: number | null;
  openNow: boolean;
  inStock: boolean;
  fulfilment: FulfilmentKind | null;
  sort: SearchSort | null;
  near: GeoPoint | null;
  /** the cursor of this page (absent on page 1) and its number, for "page 2" and the previous-page link */
  after: string | null;
  page: number;
}

export const DISTANCE_CHOICES_KM = [1, 2, 5, 10, 25] as const;
export const SEARCH_PAGE_SIZE = 24;

export const EMPTY_SEARCH: SearchState = {
  q: '',
  categories: [],
  dietary: [],
  price: null,
  distanceKm: null,
  openNow: false,
  inStock: false,
  fulfilment: null,
  sort: null,
  near: null,
  after: null,
  page: 1,
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function list(v: string | null): string[] {
  return v ? [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))] : [];
}

function parseNear(v: string | null): GeoPoint | null {
  const m = v ? /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(v) : null;
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}

function formatNear(p: GeoPoint): string {
  // 4 decimals ≈ 10 m: precise enough for distances, and keeps URLs short and cache-friendly
  return `${p.lat.toFixed(4)},${p.lng.toFixed(4)}`;
}

export function parseSearchParams(params: URLSearchParams): SearchState {
  const near = parseNear(params.get('near'));
  const km = Number(params.get('km'));
  const sort = params.get('sort');
  const price = params.get('price');
  const get = params.get('get');
  const page = Number(params.get('page'));
  const after = params.get('after');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    categories: list(params.get('cat')).filter((s) => SLUG.test(s)).slice(0, 20),
    dietary: list(params.get('diet')).filter((t): t is DietaryTag => (DIETARY_TAGS as readonly string[]).includes(t)),
    price: PRICE_BANDS.some((b) => b.key === price) ? (price as PriceBandKey) : null,
    distanceKm: near && (DISTANCE_CHOICES_KM as readonly number[]).includes(km) ? km : null,
    openNow: params.get('open') === '1',
    inStock: params.get('stock') === '1',
    fulfilment: (FULFILMENT_KINDS as readonly string[]).includes(get ?? '') ? (get as FulfilmentKind) : null,
    sort: (SEARCH_SORTS as readonly string[]).includes(sort ?? '') && (sort !== 'distance' || near) ? (sort as SearchSort) : null,
    near,
    after: after && after.length <= 500 ? after : null,
    page: after && Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Canonical parameter order and no defaults, so one search has one URL. */
export function toSearchParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.categories.length) p.set('cat', s.categories.join(','));
  if (s.dietary.length) p.set('diet', s.dietary.join(','));
  if (s.price) p.set('price', s.price);
  if (s.openNow) p.set('open', '1');
  if (s.inStock) p.set('stock', '1');
  if (s.fulfilment) p.set('get', s.fulfilment);
  if (s.near) p.set('near', formatNear(s.near));
  if (s.near && s.distanceKm) p.set('km', String(s.distanceKm));
  if (s.sort && (s.sort !== 'distance' || s.near)) p.set('sort', s.sort);
  if (s.after) {
    p.set('after', s.after);
    p.set('page', String(s.page));
  }
  return p;
}

/** The query string of a search, with readable commas (`cat=bread,cheese`). */
export function toSearchQuery(s: SearchState): string {
  return [...toSearchParams(s)]
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%20/g, '+').replace(/%2C/gi, ',')}`)
    .join('&');
}

export function searchHref(s: SearchState): string {
  const qs = toSearchQuery(s);
  return qs ? `/search?${qs}` : '/search';
}

/** A changed filter starts again at page 1: the old cursor belongs to the old result list. */
export function withFilters(s: SearchState, patch: Partial<Omit<SearchState, 'after' | 'page'>>): SearchState {
  return { ...s, ...patch, after: null, page: 1 };
}

export function nextPage(s: SearchState, cursor: string): SearchState {
  return { ...s, after: cursor, page: s.page + 1 };
}

/** The API input for a search state (the server validates it again). */
export function toSearchInput(s: SearchState, limit = SEARCH_PAGE_SIZE): SearchProductsInputRaw {
  const band = PRICE_BANDS.find((b) => b.key === s.price);
  const input: SearchProductsInputRaw = { q: s.q, limit, facets: true };
  if (s.categories.length === 1) input.categorySlug = s.categories[0];
  if (s.categories.length > 1) input.categorySlugs = s.categories;
  if (s.dietary.length) input.dietary = s.dietary;
  if (band) {
    input.priceMin = band.minCents;
    if (band.maxCents !== null) input.priceMax = band.maxCents;
  }
  if (s.openNow) input.openNow = true;
  if (s.inStock) input.inStock = true;
  if (s.fulfilment) input.fulfilment = s.fulfilment;
  if (s.near) {
    input.near = s.near;
    if (s.distanceKm) input.radiusKm = s.distanceKm;
  }
  if (s.sort) input.sort = s.sort;
  if (s.after) input.cursor = s.after;
  return input;
}

/** How many filters narrow the results (the phone's "Filters (3)" button). */
export function activeFilterCount(s: SearchState): number {
  return (
    s.categories.length +
    s.dietary.length +
    (s.price ? 1 : 0) +
    (s.distanceKm ? 1 : 0) +
    (s.openNow ? 1 : 0) +
    (s.inStock ? 1 : 0) +
    (s.fulfilment ? 1 : 0)
  );
}
