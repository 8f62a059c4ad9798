import type { BridgeView } from '@makeries/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { isBusy } from './bridge-words';

/** How often the screen follows an import that runs on the marketplace. */
const BUSY_POLL_MS = 2_000;

/** Preview, attention, log and failed jobs hang off the link's state: read again when it changes. */
function useRefreshDependents(): () => void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => {
    for (const filter of [trpc.bridges.preview.pathFilter(), trpc.bridges.attention.pathFilter(), trpc.bridges.log.pathFilter(), trpc.bridges.failedJobs.pathFilter()]) {
      void qc.invalidateQueries(filter);
    }
  };
}

/** The link's status: polled every 2 s only while the POS's catalog is read or the import is applied. */
export function useBridgeStatus() {
  const trpc = useTRPC();
  const refreshDependents = useRefreshDependents();
  const status = useQuery(
    trpc.bridges.status.queryOptions(undefined, {
      retry: false,
      refetchInterval: (q) => (isBusy(q.state.data?.state) ? BUSY_POLL_MS : false),
    }),
  );
  const state = status.data?.state;
  // an import that finished while the screen polled: its preview and log entries are new
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of state matters
  useEffect(() => refreshDependents(), [state]);
  // the counter lost or found the marketplace: ask again at once (offline shows "needs the connection")
  const qc = useQueryClient();
  const online = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity })).data?.online;
  const seen = useRef(online);
  useEffect(() => {
    if (seen.current === online) return;
    seen.current = online;
    void qc.invalidateQueries(trpc.bridges.pathFilter());
  }, [online, qc, trpc]);
  const failure = status.isError ? apiError(status.error) : null;
  return {
    status,
    view: status.data,
    failure,
    /** offline or not answering: the "needs the connection" note instead of an error */
    offline: failure ? failure.details.offline === true || failure.code === 'NETWORK' : false,
  };
}

/** What every mutation does with its answer: the new view becomes the status at once, and what hangs off it is read again. */
export function useApplyView(): (view: BridgeView) => void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refreshDependents = useRefreshDependents();
  return (view) => {
    qc.setQueryData(trpc.bridges.status.queryKey(), view);
    refreshDependents();
  };
}
