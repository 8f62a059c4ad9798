import type { RouteObject } from 'react-router';
import type { LoaderDeps } from '../../../app/loader-kit';

/**
 * The console's health area (issue 17), paths relative to /admin (e.g. 'health'). The health helper fills this file on
 * its branch; the shell spreads it into the console's routes.
 */
export function healthAdminRoutes(_deps: LoaderDeps): RouteObject[] {
  return [];
}
