import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page';
import { notFound, staticPage, type LoaderDeps } from '../../app/loader-kit';
import { adminShellLoader, auditLoader, signInLoader } from './admin-loaders';
import { AdminFrame, AdminLayout } from './admin-layout';
import { AdminPageError } from './admin-page-error';
import { contentAdminRoutes } from './content/routes';
import { healthAdminRoutes } from './health/routes';
import { ordersAdminRoutes } from './orders/routes';
import { promosAdminRoutes } from './promos/routes';
import { shopsAdminRoutes } from './shops/routes';

/**
 * The operator console (issue 17) at /admin, beside the storefront (not inside its layout): the sign-in page, and
 * behind it the console's frame with the overview, the audit log, the operator's account and one set of routes
 * per area (`<area>/routes.ts`, paths relative to /admin). Every page is noindex; the server adds X-Robots-Tag and
 * never caches them.
 */
export function adminRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      id: 'admin-frame',
      path: '/admin',
      Component: AdminFrame,
      children: [
        {
          path: 'sign-in',
          loader: signInLoader(deps),
          ...lazyPage('src/pages/admin/sign-in-page.tsx', () => import('./sign-in-page'), (m) => m.AdminSignInPage),
        },
        {
          id: 'admin',
          loader: adminShellLoader(deps),
          Component: AdminLayout,
          children: [
            {
              ErrorBoundary: AdminPageError,
              children: [
                {
                  index: true,
                  loader: staticPage({ title: 'Operator console', noindex: true })(deps),
                  ...lazyPage('src/pages/admin/home-page.tsx', () => import('./home-page'), (m) => m.AdminHomePage),
                },
                { path: 'audit', loader: auditLoader(deps), ...lazyPage('src/pages/admin/audit-page.tsx', () => import('./audit-page'), (m) => m.AdminAuditPage) },
                {
                  path: 'account',
                  loader: staticPage({ title: 'Your operator account', noindex: true })(deps),
                  ...lazyPage('src/pages/admin/account-page.tsx', () => import('./account-page'), (m) => m.AdminAccountPage),
                },
                ...shopsAdminRoutes(deps),
                ...contentAdminRoutes(deps),
                ...ordersAdminRoutes(deps),
                ...healthAdminRoutes(deps),
                ...promosAdminRoutes(deps),
                { path: '*', loader: () => notFound('Not in the console', 'This page of the operator console does not exist (yet). Pick an area on the left.') },
              ],
            },
          ],
        },
      ],
    },
  ];
}
