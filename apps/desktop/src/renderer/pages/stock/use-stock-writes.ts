import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../api/trpc';
import { useApproval } from '../../app/approval';
import type { Approval } from '../../api/types';

/**
 * Runs a batch of stock changes as the signed-in staff member, asking once for a manager's PIN when the counter
 * says one is needed (cashiers), then refreshes every screen that shows stock. Returns false when cancelled.
 */
export function useStockWrites() {
  const withApproval = useApproval();
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(
    async (action: string, run: (approval?: Approval) => Promise<void>): Promise<boolean> => {
      try {
        const done = await withApproval(action, async (approval) => {
          await run(approval);
          return true as const;
        });
        return done === true;
      } finally {
        for (const filter of [trpc.inventory.pathFilter(), trpc.stockHistory.pathFilter(), trpc.catalog.pathFilter(), trpc.sync.pathFilter()]) {
          void qc.invalidateQueries(filter);
        }
      }
    },
    [withApproval, qc, trpc],
  );
}
