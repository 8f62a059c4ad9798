import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';

/** The shop's currency (from the first sync); GBP only before the catalog has arrived. */
export function useCurrency(): string {
  const trpc = useTRPC();
  const device = useQuery(trpc.device.status.queryOptions(undefined, { staleTime: 60_000 }));
  return device.data?.shop?.currency ?? 'GBP';
}
