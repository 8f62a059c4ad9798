import type { AppRouter } from '@makeries/server/router';
import { createTRPCClient, httpBatchLink, isTRPCClientError, type TRPCClient } from '@trpc/client';
import { createContext, useContext } from 'react';
import type { CheckoutFailure } from '../lib/checkout-errors';

/** The typed API: over HTTP in the browser, in-process (tRPC local link) during the server render. */
export type Api = TRPCClient<AppRouter>;

export function createBrowserApi(): Api {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', maxURLLength: 4000 })] });
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext>');
  return api;
}

/** Our error shape from a failed call (`data.appCode`, details…), or a transport failure without a code. */
export function failureOf(e: unknown): CheckoutFailure & { httpStatus?: number } {
  if (isTRPCClientError(e)) {
    const data = (e.data ?? {}) as { appCode?: string; issues?: CheckoutFailure['issues']; details?: CheckoutFailure['details']; httpStatus?: number };
    return { appCode: data.appCode, message: e.message, issues: data.issues, details: data.details, httpStatus: data.httpStatus };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}
