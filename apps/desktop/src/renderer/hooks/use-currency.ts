import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';

/** The shop's currency (from the first sync); ISO's "no currency" (XXX, shown as ¤) before the catalog has arrived. */
export function useCurrency(): string {
  const trpc = useTRPC();
  const device = useQuery(trpc.device.status.queryOptions(undefined, { staleTime: 60_000 }));
  return device.data?.shop?.currency ?? 'XXX';
}
