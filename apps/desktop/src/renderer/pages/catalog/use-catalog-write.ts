import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApproval } from '../../app/approval';
import type { Approval } from '../../api/types';

/**
 * Runs a catalog edit as the signed-in staff member, asking for a manager's PIN when the counter says one is
 * needed (cashiers), then refreshes every screen that shows the catalog. Resolves null when cancelled.
 */
export function useCatalogWrite() {
  const withApproval = useApproval();
  const qc = useQueryClient();
  return useCallback(
    async <T,>(action: string, run: (approval?: Approval) => Promise<T>): Promise<T | null> => {
      try {
        return await withApproval(action, run);
      } finally {
        for (const key of [['catalogEdit'], ['catalog'], ['inventory'], ['sync']]) void qc.invalidateQueries({ queryKey: key });
      }
    },
    [withApproval, qc],
  );
}
