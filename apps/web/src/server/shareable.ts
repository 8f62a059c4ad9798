import type { ShareablePage } from '../../ssr';
import { cookieValue, LOCATION_COOKIE, parseLocation } from '../lib/location';

/** Shop and product pages: one shop's data. */
const SHOP_PAGE = /^\/(?:p|v)\/[^/]+$/;
/** Home and search: many shops' data, and the saved location (cookie) when there is one. */
const MARKET_PAGES = new Set(['/', '/search']);

/**
 * Which pages may be rendered once and served to everyone (never cart, checkout, orders or account: they are the
 * visitor's own). The key holds everything such a page reads from the request: the path, the query (parameters
 * sorted by name, so a reordered link shares the copy) and, on home and search, a valid saved location.
 */
export function shareablePage(url: URL, cookieHeader: string | undefined): ShareablePage | null {
  const market = MARKET_PAGES.has(url.pathname);
  if (!market && !SHOP_PAGE.test(url.pathname)) return null;
  // stable sort by name: repeated parameters keep their order, which the page may show
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  let key = query ? `${url.pathname}?${query}` : url.pathname;
  let cookie = '';
  if (market) {
    const saved = cookieValue(cookieHeader, LOCATION_COOKIE);
    if (saved && parseLocation(saved)) {
      key += ` loc=${saved}`;
      cookie = `${LOCATION_COOKIE}=${saved}`;
    }
  }
  return { key, scope: market ? 'market' : 'shop', cookie };
}
