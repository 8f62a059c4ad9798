import type { RouteObject } from 'react-router';
import type { LoaderDeps } from '../../../app/loader-kit';

/**
 * The console's content area (issue 17), paths relative to /admin (e.g. 'content'). The content helper fills this file on
 * its branch; the shell spreads it into the console's routes.
 */
export function contentAdminRoutes(_deps: LoaderDeps): RouteObject[] {
  return [];
}
