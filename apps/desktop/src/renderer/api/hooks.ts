import { useEffect, useRef } from 'react';
import { queryOptions, useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { apiClient } from './client';
import type { InputArgs, InputOf, MutationPath, OutputOf, QueryPath, SubscriptionPath } from './types';

/*
 * Small typed hooks over @trpc/client + TanStack Query (there is no @trpc/tanstack-react-query here). A query
 * key is the path split at the dot plus the input, so invalidating ['sales'] refreshes every sales query.
 */

export function queryKeyOf(path: string, input?: unknown): readonly unknown[] {
  const [domain = path, name = ''] = path.split('.');
  return input === undefined ? [domain, name] : [domain, name, input];
}

/** Options for useQuery / prefetch / setQueryData: `useQuery(apiQuery('cart.current'))`. */
export function apiQuery<P extends QueryPath>(path: P, ...args: InputArgs<P>) {
  const input = args[0];
  return queryOptions({
    queryKey: queryKeyOf(path, input),
    queryFn: ({ signal }) => apiClient().query(path, input, { signal }) as Promise<OutputOf<P>>,
  });
}

/** Calls a query once outside React (a scan lookup, a refresh before opening a dialog). */
export function callQuery<P extends QueryPath>(path: P, ...args: InputArgs<P>): Promise<OutputOf<P>> {
  return apiClient().query(path, args[0]) as Promise<OutputOf<P>>;
}

export function callMutation<P extends MutationPath>(path: P, ...args: InputArgs<P>): Promise<OutputOf<P>> {
  return apiClient().mutation(path, args[0]) as Promise<OutputOf<P>>;
}

export function useApiMutation<P extends MutationPath, TContext = unknown>(
  path: P,
  opts: Omit<UseMutationOptions<OutputOf<P>, Error, InputOf<P>, TContext>, 'mutationFn'> = {},
) {
  return useMutation<OutputOf<P>, Error, InputOf<P>, TContext>({
    ...opts,
    mutationKey: [path],
    mutationFn: (input) => apiClient().mutation(path, input) as Promise<OutputOf<P>>,
  });
}

/** What a subscription yields: the generator's items. */
export type EventOf<P extends SubscriptionPath> = OutputOf<P> extends AsyncIterable<infer T> ? T : OutputOf<P>;

/**
 * Follows a subscription while mounted (and `enabled`). The link reconnects by itself (SSE or IPC); the latest
 * handlers are used without resubscribing.
 */
export function useApiSubscription<P extends SubscriptionPath>(
  path: P,
  input: InputOf<P>,
  handlers: { enabled?: boolean; onData(data: EventOf<P>): void; onError?(error: unknown): void },
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const enabled = handlers.enabled ?? true;
  const inputKey = JSON.stringify(input ?? null);
  useEffect(() => {
    if (!enabled) return;
    const sub = apiClient().subscription(path, input, {
      onData: (data) => latest.current.onData(data as EventOf<P>),
      onError: (error) => latest.current.onError?.(error),
    });
    return () => sub.unsubscribe();
    // input is compared by value (inputKey), not identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, inputKey, enabled]);
}
