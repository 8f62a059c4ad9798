import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page';
import type { LoaderDeps } from '../../app/loader-kit';
import { addressesLoader, favouritesLoader, reviewOrderLoader } from './extras-loaders';

/** Signed-in account pages besides the order list (spread into the route table); code-split like the others. */
export function accountExtraRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      path: 'account/forgot',
      ...lazyPage('src/pages/account/password-pages.tsx', () => import('./password-pages'), (m) => m.ForgotPasswordPage),
    },
    {
      path: 'account/reset',
      ...lazyPage('src/pages/account/password-pages.tsx', () => import('./password-pages'), (m) => m.ResetPasswordPage),
    },
    {
      path: 'account/verify',
      ...lazyPage('src/pages/account/verify-page.tsx', () => import('./verify-page'), (m) => m.VerifyEmailPage),
    },
    {
      path: 'account/digest/unsubscribe',
      ...lazyPage('src/pages/account/digest-unsubscribe-page.tsx', () => import('./digest-unsubscribe-page'), (m) => m.DigestUnsubscribePage),
    },
    {
      path: 'account/addresses',
      loader: addressesLoader(deps),
      ...lazyPage('src/pages/account/addresses-page.tsx', () => import('./addresses-page'), (m) => m.AddressesPage),
    },
    {
      path: 'account/favourites',
      loader: favouritesLoader(deps),
      ...lazyPage('src/pages/account/favourites-page.tsx', () => import('./favourites-page'), (m) => m.FavouritesPage),
    },
    {
      path: 'account/orders/:orderId/review',
      loader: reviewOrderLoader(deps),
      ...lazyPage('src/pages/account/review-order-page.tsx', () => import('./review-order-page'), (m) => m.ReviewOrderPage),
    },
  ];
}
