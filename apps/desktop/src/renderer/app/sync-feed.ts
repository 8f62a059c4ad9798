import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { queryKeyOf, useApiSubscription } from '../api/hooks';
import type { SyncStatus } from '../api/types';

/**
 * Follows the counter's sync status live and keeps the screens that depend on it fresh: a pull brings new
 * catalog, staff and web orders; a push changes which sales are still waiting; a rejection needs attention.
 */
export function useSyncFeed(): void {
  const qc = useQueryClient();
  const last = useRef<SyncStatus | null>(null);
  useApiSubscription('sync.onStatus', undefined, {
    onData(status) {
      const prev = last.current;
      last.current = status;
      qc.setQueryData(queryKeyOf('sync.status'), status);
      if (!prev || prev.paired !== status.paired || prev.bootstrapping !== status.bootstrapping) {
        void qc.invalidateQueries({ queryKey: ['device'] });
      }
      if (prev && prev.lastPullAt !== status.lastPullAt) {
        for (const key of [['staff', 'list'], ['catalog'], ['webOrders'], ['device']]) void qc.invalidateQueries({ queryKey: key });
      }
      if (prev && prev.pending !== status.pending) void qc.invalidateQueries({ queryKey: ['sales'] });
      if (prev && prev.rejected !== status.rejected) void qc.invalidateQueries({ queryKey: ['sync', 'rejections'] });
    },
  });
}
