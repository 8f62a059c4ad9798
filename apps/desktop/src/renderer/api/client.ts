import { createTRPCUntypedClient, type TRPCLink, type TRPCUntypedClient } from '@trpc/client';
import type { CounterRouter } from './types';

/*
 * The one client of the counter API, set up once at start (main.tsx) with the links for where the UI runs
 * (IPC inside Electron, HTTP + SSE in a browser). Components reach it only through the hooks in hooks.ts.
 */

let client: TRPCUntypedClient<CounterRouter> | null = null;

export function initApiClient(links: TRPCLink<CounterRouter>[]): void {
  client = createTRPCUntypedClient<CounterRouter>({ links });
}

export function apiClient(): TRPCUntypedClient<CounterRouter> {
  if (!client) throw new Error('The counter API client is used before initApiClient() ran.');
  return client;
}
