import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../api/trpc';
import { useApproval } from '../../app/approval';
import type { Approval } from '../../api/types';

/**
 * Runs a catalog edit as the signed-in staff member, asking for a manager's PIN when the counter says one is
 * needed (cashiers), then refreshes every screen that shows the catalog. Resolves null when cancelled.
 */
export function useCatalogWrite() {
  const withApproval = useApproval();
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(
    async <T,>(action: string, run: (approval?: Approval) => Promise<T>): Promise<T | null> => {
      try {
        return await withApproval(action, run);
      } finally {
        for (const filter of [trpc.catalogEdit.pathFilter(), trpc.catalog.pathFilter(), trpc.inventory.pathFilter(), trpc.sync.pathFilter()]) {
          void qc.invalidateQueries(filter);
        }
      }
    },
    [withApproval, qc, trpc],
  );
}
