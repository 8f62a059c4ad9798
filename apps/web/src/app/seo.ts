/** What a page tells search engines and the browser tab; returned by each route loader as `seo`. */
export interface Seo {
  title: string;
  description?: string;
  /** path of the canonical URL (origin added from PUBLIC_URL); absent = no canonical link */
  canonicalPath?: string;
  noindex?: boolean;
  /** absolute or root-relative image for link previews */
  image?: string;
  jsonLd?: Record<string, unknown>[];
}

export interface PageData {
  seo: Seo;
  /** the one shop this page shows (product, shop page): its changes make a cached copy stale */
  shopId?: string;
}

const SITE_NAME = 'Makeries';

export function pageTitle(title: string): string {
  return title === SITE_NAME ? title : `${title} · ${SITE_NAME}`;
}

export function absoluteUrl(origin: string, path: string): string {
  return path.startsWith('http') ? path : `${origin.replace(/\/$/, '')}${path}`;
}

/** The deepest route's `seo` among loader data, in match order. */
export function seoFromMatches(matches: readonly { data?: unknown; loaderData?: unknown }[]): Seo | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i];
    const data = (m?.loaderData ?? m?.data) as Partial<PageData> | undefined | null;
    if (data && typeof data === 'object' && data.seo) return data.seo;
  }
  return null;
}
