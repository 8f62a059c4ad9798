import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRef } from 'react';
import { useTRPC } from '../api/trpc';
import type { SyncStatus } from '../api/types';

/**
 * Follows the counter's sync status live and keeps the screens that depend on it fresh: a pull brings new
 * catalog, staff and web orders; a push changes which sales are still waiting; a rejection needs attention.
 */
export function useSyncFeed(): void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const last = useRef<SyncStatus | null>(null);
  useSubscription(
    trpc.sync.onStatus.subscriptionOptions(undefined, {
      onData(status) {
        const prev = last.current;
        last.current = status;
        qc.setQueryData(trpc.sync.status.queryKey(), status);
        if (!prev || prev.paired !== status.paired || prev.bootstrapping !== status.bootstrapping) {
          void qc.invalidateQueries(trpc.device.pathFilter());
        }
        if (prev && prev.lastPullAt !== status.lastPullAt) {
          for (const filter of [trpc.staff.list.pathFilter(), trpc.catalog.pathFilter(), trpc.webOrders.pathFilter(), trpc.device.pathFilter()]) {
            void qc.invalidateQueries(filter);
          }
        }
        if (prev && prev.pending !== status.pending) void qc.invalidateQueries(trpc.sales.pathFilter());
        if (prev && prev.rejected !== status.rejected) void qc.invalidateQueries(trpc.sync.rejections.pathFilter());
      },
    }),
  );
}
