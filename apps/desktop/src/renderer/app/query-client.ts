import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { apiError, isSignedOut } from '../api/errors';
import type { CounterClient } from '../api/trpc';
import type { CounterRouter } from '../api/types';

/*
 * Everything the UI shows comes from the counter on this machine, so answers are quick and cheap: short
 * staleness, no retries for answers the counter gave on purpose (an AppError), a few for "not answering".
 * Any call that comes back "sign in first" (auto-lock, another tab locked) shows the lock screen at once.
 */
export function createQueryClient(trpcClient: CounterClient): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e) => lockIfSignedOut(e) }),
    mutationCache: new MutationCache({ onError: (e) => lockIfSignedOut(e) }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: (count, e) => apiError(e).code === 'NETWORK' && count < 3,
        retryDelay: (n) => Math.min(500 * 2 ** n, 4_000),
      },
      mutations: { retry: false },
    },
  });
  // the cache reacts before any component does, so it reads the key from a proxy of its own, not from useTRPC()
  const trpc = createTRPCOptionsProxy<CounterRouter>({ client: trpcClient, queryClient: client });
  function lockIfSignedOut(e: unknown): void {
    if (isSignedOut(e)) client.setQueryData(trpc.staff.me.queryKey(), null);
  }
  return client;
}
