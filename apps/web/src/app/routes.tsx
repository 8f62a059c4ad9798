import type { RouteObject } from 'react-router';
import { AccountPage } from '../pages/account/account-page';
import { accountLoader } from '../pages/account/loader';
import { CartPage } from '../pages/cart/cart-page';
import { CheckoutPage } from '../pages/checkout/checkout-page';
import { ConfirmationPage } from '../pages/confirmation/confirmation-page';
import { confirmationLoader } from '../pages/confirmation/loader';
import { HomePage } from '../pages/home/home-page';
import { homeLoader } from '../pages/home/loader';
import { orderLoader } from '../pages/order/loader';
import { OrderPage } from '../pages/order/order-page';
import { productLoader } from '../pages/product/loader';
import { ProductPage } from '../pages/product/product-page';
import { searchLoader } from '../pages/search/loader';
import { SearchPage } from '../pages/search/search-page';
import { vendorLoader } from '../pages/vendor/loader';
import { VendorPage } from '../pages/vendor/vendor-page';
import { notFound, staticPage, type LoaderDeps } from './loader-kit';
import { PageError } from './page-error';
import { queries } from './queries';
import { RootLayout } from './root-layout';

/**
 * One route table for the server render (createStaticHandler) and the browser (createBrowserRouter). Loaders
 * fill the query cache through `deps.api`; pages read the cache, so hydration finds every query ready.
 */
export function createRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      Component: RootLayout,
      loader: async () => {
        // who is signed in (for the header); anonymous costs no database query
        await deps.queryClient.ensureQueryData(queries.me(deps.api)).catch(() => null);
        return null;
      },
      children: [
        {
          ErrorBoundary: PageError,
          children: [
            { index: true, Component: HomePage, loader: homeLoader(deps) },
            { path: 'search', Component: SearchPage, loader: searchLoader(deps) },
            { path: 'p/:productId', Component: ProductPage, loader: productLoader(deps) },
            { path: 'v/:slug', Component: VendorPage, loader: vendorLoader(deps) },
            { path: 'cart', Component: CartPage, loader: staticPage({ title: 'Your cart', noindex: true })(deps) },
            { path: 'checkout', Component: CheckoutPage, loader: staticPage({ title: 'Checkout', noindex: true })(deps) },
            { path: 'confirmation', Component: ConfirmationPage, loader: confirmationLoader(deps) },
            { path: 'orders/:orderId', Component: OrderPage, loader: orderLoader(deps) },
            { path: 'account', Component: AccountPage, loader: accountLoader(deps) },
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
