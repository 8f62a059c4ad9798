import type { RouteObject } from 'react-router';
import { lazyPage } from '../../../app/lazy-page';
import type { LoaderDeps } from '../../../app/loader-kit';
import { disputesLoader, orderDetailLoader, ordersSearchLoader } from './loaders';

/** The console's orders area (issue 17), relative to /admin: order search, one order's timeline, disputes. */
export function ordersAdminRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      path: 'orders',
      loader: ordersSearchLoader(deps),
      ...lazyPage('src/pages/admin/orders/orders-page.tsx', () => import('./orders-page'), (m) => m.AdminOrdersPage),
    },
    {
      path: 'orders/:orderId',
      loader: orderDetailLoader(deps),
      ...lazyPage('src/pages/admin/orders/order-detail-page.tsx', () => import('./order-detail-page'), (m) => m.AdminOrderDetailPage),
    },
    {
      path: 'disputes',
      loader: disputesLoader(deps),
      ...lazyPage('src/pages/admin/orders/disputes-page.tsx', () => import('./disputes-page'), (m) => m.AdminDisputesPage),
    },
  ];
}
