import type { RouteObject } from 'react-router';
import type { LoaderDeps } from '../../../app/loader-kit';

/**
 * The console's shops area (issue 17), paths relative to /admin (e.g. 'shops'). The shops helper fills this file on
 * its branch; the shell spreads it into the console's routes.
 */
export function shopsAdminRoutes(_deps: LoaderDeps): RouteObject[] {
  return [];
}
