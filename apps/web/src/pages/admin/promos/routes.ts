import type { RouteObject } from 'react-router';
import { lazyPage } from '../../../app/lazy-page';
import type { LoaderDeps } from '../../../app/loader-kit';
import { promosLoader } from './loader';

/** The console's promotions (issue 18), relative to /admin; the console shell mounts these under its layout. */
export function promosAdminRoutes(deps: LoaderDeps): RouteObject[] {
  return [{ path: 'promos', loader: promosLoader(deps), ...lazyPage('src/pages/admin/promos/promos-page.tsx', () => import('./promos-page'), (m) => m.PromosPage) }];
}
