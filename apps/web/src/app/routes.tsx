import type { RouteObject } from 'react-router';
import { accountExtraRoutes } from '../pages/account/extra-routes';
import { shopsAdminRoutes } from '../pages/admin/shops/routes';
import { accountLoader } from '../pages/account/loader';
import { confirmationLoader } from '../pages/confirmation/loader';
import { homeLoader } from '../pages/home/loader';
import { orderLoader } from '../pages/order/loader';
import { productLoader } from '../pages/product/loader';
import { searchLoader } from '../pages/search/loader';
import { vendorLoader } from '../pages/vendor/loader';
import { lazyPage } from './lazy-page';
import { notFound, staticPage, type LoaderDeps } from './loader-kit';
import { PageError } from './page-error';
import { RootLayout } from './root-layout';

/**
 * One route table for the server render (createStaticHandler) and the browser (createBrowserRouter). Loaders
 * fill the query cache through `deps.trpc`; pages read the cache, so hydration finds every query ready. Page
 * components are code-split (lazyPage); loaders stay in the entry so navigation starts fetching at once.
 */
export function createRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      Component: RootLayout,
      loader: async () => {
        // who is signed in (for the header); anonymous costs no database query. A shared render leaves it out:
        // the browser asks after hydration, so the cached HTML names nobody
        if (deps.shared) return null;
        await deps.queryClient.query({ ...deps.trpc.auth.me.queryOptions(), staleTime: 'static' }).catch(() => null);
        return null;
      },
      children: [
        {
          ErrorBoundary: PageError,
          children: [
            { index: true, loader: homeLoader(deps), ...lazyPage('src/pages/home/home-page.tsx', () => import('../pages/home/home-page'), (m) => m.HomePage) },
            { path: 'search', loader: searchLoader(deps), ...lazyPage('src/pages/search/search-page.tsx', () => import('../pages/search/search-page'), (m) => m.SearchPage) },
            {
              path: 'p/:productId',
              loader: productLoader(deps),
              ...lazyPage('src/pages/product/product-page.tsx', () => import('../pages/product/product-page'), (m) => m.ProductPage),
            },
            { path: 'v/:slug', loader: vendorLoader(deps), ...lazyPage('src/pages/vendor/vendor-page.tsx', () => import('../pages/vendor/vendor-page'), (m) => m.VendorPage) },
            {
              path: 'cart',
              loader: staticPage({ title: 'Your cart', noindex: true })(deps),
              ...lazyPage('src/pages/cart/cart-page.tsx', () => import('../pages/cart/cart-page'), (m) => m.CartPage),
            },
            {
              path: 'checkout',
              loader: staticPage({ title: 'Checkout', noindex: true })(deps),
              ...lazyPage('src/pages/checkout/checkout-page.tsx', () => import('../pages/checkout/checkout-page'), (m) => m.CheckoutPage),
            },
            {
              path: 'confirmation',
              loader: confirmationLoader(deps),
              ...lazyPage('src/pages/confirmation/confirmation-page.tsx', () => import('../pages/confirmation/confirmation-page'), (m) => m.ConfirmationPage),
            },
            { path: 'orders/:orderId', loader: orderLoader(deps), ...lazyPage('src/pages/order/order-page.tsx', () => import('../pages/order/order-page'), (m) => m.OrderPage) },
            { path: 'account', loader: accountLoader(deps), ...lazyPage('src/pages/account/account-page.tsx', () => import('../pages/account/account-page'), (m) => m.AccountPage) },
            ...accountExtraRoutes(deps),
            // TEMPORARY (branch ops-shops only): the console's shops pages until the console shell is merged
            { path: 'admin', children: shopsAdminRoutes(deps) },
            {
              path: '*',
              loader: () => notFound('Page not found', 'That page does not exist. It may have moved, or the link may be mistyped.'),
            },
          ],
        },
      ],
    },
  ];
}
