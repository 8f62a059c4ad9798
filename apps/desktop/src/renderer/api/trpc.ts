import { createTRPCClient, type TRPCClient, type TRPCLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { CounterRouter } from './types';

/*
 * The counter API in the UI, through @trpc/tanstack-react-query: `useTRPC()` gives typed query options, keys and
 * filters (`trpc.cart.current.queryOptions()`, `trpc.sales.pathFilter()`), `useTRPCClient()` the typed client for
 * calls made from event handlers (a scan lookup, a save behind a manager's PIN). Keys are tRPC's own, so
 * invalidating `trpc.sales.pathFilter()` refreshes every sales query.
 */

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<CounterRouter>();

export type CounterClient = TRPCClient<CounterRouter>;

/** Made once at start (main.tsx) with the links for where the UI runs (IPC inside Electron, HTTP + SSE in a browser). */
export function createCounterClient(links: TRPCLink<CounterRouter>[]): CounterClient {
  return createTRPCClient<CounterRouter>({ links });
}
