import type { BridgeView } from '@makeries/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiError } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { isBusy } from './bridge-words';

/** How often the screen follows an import that runs on the marketplace. */
export const BUSY_POLL_MS = 2_000;

/** The link's status: polled every 2 s only while Square's catalog is read or the import is applied. */
export function useBridgeStatus() {
  const trpc = useTRPC();
  const status = useQuery(
    trpc.bridges.status.queryOptions(undefined, {
      retry: false,
      refetchInterval: (q) => (isBusy(q.state.data?.state) ? BUSY_POLL_MS : false),
    }),
  );
  const failure = status.isError ? apiError(status.error) : null;
  return {
    status,
    view: status.data,
    failure,
    /** offline or not answering: the "needs the connection" note instead of an error */
    offline: failure ? failure.details.offline === true || failure.code === 'NETWORK' : false,
  };
}

/**
 * What every mutation does with its answer: the new view becomes the status at once, and what hangs off it
 * (preview, attention, log, failed jobs) is read again.
 */
export function useApplyView(): (view: BridgeView) => void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return (view) => {
    qc.setQueryData(trpc.bridges.status.queryKey(), view);
    for (const filter of [trpc.bridges.preview.pathFilter(), trpc.bridges.attention.pathFilter(), trpc.bridges.log.pathFilter(), trpc.bridges.failedJobs.pathFilter()]) {
      void qc.invalidateQueries(filter);
    }
  };
}
