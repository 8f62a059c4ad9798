import '@mantine/core/styles.css';
import './app/app.css';
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createBrowserApi } from './app/api';
import { AppProviders, createQueryClient } from './app/providers';
import { createRoutes } from './app/routes';

declare global {
  interface Window {
    __MK_QUERY_STATE__?: DehydratedState;
  }
}

const api = createBrowserApi();
const queryClient = createQueryClient();
const state = window.__MK_QUERY_STATE__;
if (state) {
  // the server's data is as fresh as this page load, whatever the two clocks say: nothing refetches on hydration
  const now = Date.now();
  for (const q of state.queries) q.state.dataUpdatedAt = now;
  hydrate(queryClient, state);
}
// reads the loader data the server rendered with (window.__staticRouterHydrationData), so no loader re-runs
const router = createBrowserRouter(createRoutes({ api, queryClient }));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
hydrateRoot(
  root,
  <StrictMode>
    <AppProviders api={api} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
