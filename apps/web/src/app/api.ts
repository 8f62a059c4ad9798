import type { AppRouter } from '@makeries/server/router';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, isTRPCClientError, type TRPCClient } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext, createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { CheckoutFailure } from '../lib/checkout-errors';

/** The typed API client: over HTTP in the browser, in-process (tRPC local link) during the server render. */
export type ApiClient = TRPCClient<AppRouter>;
/** Query and mutation options, query keys and filters for every procedure (`trpc.orders.byId.queryOptions(…)`). */
export type Trpc = TRPCOptionsProxy<AppRouter>;

/** In components: `useTRPC()` for options and keys, `useTRPCClient()` for a one-off call. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * On the operator console's pages (/admin) every call carries the console header, so the server counts the
 * operator's cookie (server context.ts OPERATOR_COOKIE); storefront pages never send it.
 */
export function createBrowserClient(): ApiClient {
  const headers = (): Record<string, string> => (window.location.pathname === '/admin' || window.location.pathname.startsWith('/admin/') ? { 'x-makeries-console': '1' } : {});
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', maxURLLength: 4000, headers })] });
}

/** The same options proxy outside React (route loaders): its keys are the ones `useTRPC()` makes. */
export function createTrpc(client: ApiClient, queryClient: QueryClient): Trpc {
  return createTRPCOptionsProxy<AppRouter>({ client, queryClient });
}

type Outputs = inferRouterOutputs<AppRouter>;
export type ProductDetail = Outputs['products']['byId'];
export type PublicVendor = Outputs['vendors']['byId'];
export type Category = Outputs['catalog']['categories'][number];

/** Our error shape from a failed call (`data.appCode`, details…), or a transport failure without a code. */
export function failureOf(e: unknown): CheckoutFailure & { httpStatus?: number } {
  if (isTRPCClientError<AppRouter>(e)) {
    const data = e.data;
    return { appCode: data?.appCode, message: e.message, issues: data?.issues, details: data?.details, httpStatus: data?.httpStatus };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}
