import type { RouteObject } from 'react-router';
import type { LoaderDeps } from '../../../app/loader-kit';

/**
 * The console's orders area (issue 17), paths relative to /admin (e.g. 'orders'). The orders helper fills this file on
 * its branch; the shell spreads it into the console's routes.
 */
export function ordersAdminRoutes(_deps: LoaderDeps): RouteObject[] {
  return [];
}
