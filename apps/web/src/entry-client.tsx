// first: configures zod before any schema is built (see the module)
import './app/zod-jitless';
import '@mantine/core/styles.css';
import './app/app.css';
import { hydrate } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createBrowserClient, createTrpc } from './app/api';
import { AppProviders, createQueryClient } from './app/providers';
import { readQueryState } from './app/query-state';
import { createRoutes } from './app/routes';
import { readMarketState, setMarket } from './lib/market';

// the server sent the marketplace's settings with the page: format exactly as it rendered
const market = readMarketState(document);
if (market) setMarket(market);
const client = createBrowserClient();
const queryClient = createQueryClient();
const state = readQueryState(document);
if (state) {
  // the server's data is as fresh as this page load, whatever the two clocks say: nothing refetches on hydration
  const now = Date.now();
  for (const q of state.queries) q.state.dataUpdatedAt = now;
  hydrate(queryClient, state);
}
/**
 * Page components are code-split: load the ones the server rendered before hydrating (their chunks were
 * modulepreloaded alongside this entry), or React would hydrate an empty outlet over the server's HTML.
 */
async function resolveLazyMatches(routes: RouteObject[]): Promise<void> {
  const matches = matchRoutes(routes, window.location) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      Object.assign(route, await route.lazy());
      delete route.lazy;
    }),
  );
}

async function start(): Promise<void> {
  const routes = createRoutes({ trpc: createTrpc(client, queryClient), queryClient });
  await resolveLazyMatches(routes);
  // reads the loader data the server rendered with (window.__staticRouterHydrationData), so no loader re-runs
  const router = createBrowserRouter(routes);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  // as a transition, hydration yields to the browser every few milliseconds instead of holding the main thread
  // for the whole page: a tap during start-up is answered, and no long task blocks it (Total Blocking Time)
  startTransition(() => {
    hydrateRoot(
      root,
      <StrictMode>
        <AppProviders client={client} queryClient={queryClient}>
          <RouterProvider router={router} />
        </AppProviders>
      </StrictMode>,
    );
  });
}

void start();
