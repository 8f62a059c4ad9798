import type { RouteObject } from 'react-router';
import { lazyPage } from '../../../app/lazy-page';
import type { LoaderDeps } from '../../../app/loader-kit';
import { contentItemLoader, contentQueueLoader } from './loaders';

/** The console's content area (issue 17), paths relative to /admin: the moderation queue and one item. */
export function contentAdminRoutes(deps: LoaderDeps): RouteObject[] {
  return [
    {
      path: 'content',
      loader: contentQueueLoader(deps),
      ...lazyPage('src/pages/admin/content/content-queue-page.tsx', () => import('./content-queue-page'), (m) => m.ContentQueuePage),
    },
    {
      path: 'content/:kind/:id',
      loader: contentItemLoader(deps),
      ...lazyPage('src/pages/admin/content/content-item-page.tsx', () => import('./content-item-page'), (m) => m.ContentItemPage),
    },
  ];
}
