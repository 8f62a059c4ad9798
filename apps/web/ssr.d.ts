/**
 * The contract between the marketplace server and the built storefront (`@makeries/web/ssr`, i.e.
 * dist/server/entry-server.js). Hand-written so the server type-checks before the storefront is built.
 */
import type { LocalLinkOptions } from '@trpc/client';
import type { AppRouter } from '../server/src/routers/index';

export interface RenderDeps {
  /** the server's router and a context factory for this request (the customer's cookie, if any) */
  router: AppRouter;
  createContext: LocalLinkOptions<AppRouter>['createContext'];
  /** this answer's CSP nonce for the page's few inline scripts (the router's hydration data); absent on a
   * shared render, whose inline scripts are allowed by their hashes instead */
  scriptNonce?: string;
  /** a render for everyone (the page cache): nobody's session, the header's signed-in parts load in the browser */
  shared?: boolean;
}

export interface RenderResult {
  status: number;
  /** a redirect target, when status is 3xx */
  location?: string;
  html: string;
  /** the shops whose changes make this page stale (a product's or shop page's own shop) */
  shopIds: string[];
}

/** A page anyone may be served from a shared cache: its key, and which changes make it stale. */
export interface ShareablePage {
  /** path, sorted query and the one request input besides the URL a page reads (the saved location cookie) */
  key: string;
  /** `market`: shows many shops (home, search), stale on any change; `shop`: stale on its shop's changes */
  scope: 'market' | 'shop';
  /** the cookie header the render may see (the saved location only; never the session) */
  cookie: string;
}

/** Whether this GET is a shareable page (home, search, shop, product), and how it is keyed; null otherwise. */
export declare function shareablePage(url: URL, cookieHeader: string | undefined): ShareablePage | null;

/** Server-renders one storefront page. `request.url` is absolute, on the public origin. */
export declare function renderPage(request: Request, deps: RenderDeps): Promise<RenderResult>;

/** Directory of the built browser files (hashed, immutable), served at the site root. */
export declare const clientDir: string;
