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
  /** this answer's CSP nonce for the page's few inline scripts (the router's hydration data) */
  scriptNonce: string;
}

export interface RenderResult {
  status: number;
  /** a redirect target, when status is 3xx */
  location?: string;
  html: string;
}

/** Server-renders one storefront page. `request.url` is absolute, on the public origin. */
export declare function renderPage(request: Request, deps: RenderDeps): Promise<RenderResult>;

/** Directory of the built browser files (hashed, immutable), served at the site root. */
export declare const clientDir: string;
