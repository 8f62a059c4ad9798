import type { RouteObject } from 'react-router';
import { lazyPage } from '../../../app/lazy-page';
import type { LoaderDeps } from '../../../app/loader-kit';
import { shopDetailLoader, shopsListLoader } from './loaders';

/** The console's shops area, relative to /admin: the applications queue and list, and one shop's page. */
export function shopsAdminRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      path: 'shops',
      loader: shopsListLoader(deps),
      ...lazyPage('src/pages/admin/shops/shops-list-page.tsx', () => import('./shops-list-page'), (m) => m.ShopsListPage),
    },
    {
      path: 'shops/:vendorId',
      loader: shopDetailLoader(deps),
      ...lazyPage('src/pages/admin/shops/shop-detail-page.tsx', () => import('./shop-detail-page'), (m) => m.ShopDetailPage),
    },
  ];
}
