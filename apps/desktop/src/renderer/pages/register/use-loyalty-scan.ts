import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';

/**
 * A loyalty card's QR code scanned at the register: find the customer (online; offline a card this till knows)
 * and put them on the sale. Returns the words to show when that fails.
 */
export function useLoyaltyScan(): (code: string) => Promise<string | null> {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  return useCallback(
    async (code: string) => {
      try {
        const found = await client.loyalty.lookup.query({ query: code });
        if (!found) return 'No customer has this loyalty card.';
        await client.customers.attach.mutate({ customer: found.customer });
        await Promise.all([qc.invalidateQueries(trpc.cart.current.queryFilter()), qc.invalidateQueries(trpc.customers.pathFilter()), qc.invalidateQueries(trpc.loyalty.pathFilter())]);
        return null;
      } catch (e) {
        return apiError(e).message;
      }
    },
    [client, qc, trpc],
  );
}
