import type { RouteObject } from 'react-router';
import { lazyPage } from '../../../app/lazy-page';
import type { LoaderDeps } from '../../../app/loader-kit';
import { healthLoader } from './loader';

/** The console's health area (issue 17), relative to /admin; the console shell mounts these under its layout. */
export function healthAdminRoutes(deps: LoaderDeps): RouteObject[] {
  return [{ path: 'health', loader: healthLoader(deps), ...lazyPage('src/pages/admin/health/health-page.tsx', () => import('./health-page'), (m) => m.HealthPage) }];
}
