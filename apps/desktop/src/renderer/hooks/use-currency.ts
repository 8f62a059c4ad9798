import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../api/hooks';

/** The shop's currency (from the first sync); ISO's "no currency" (XXX, shown as ¤) before the catalog has arrived. */
export function useCurrency(): string {
  const device = useQuery({ ...apiQuery('device.status'), staleTime: 60_000 });
  return device.data?.shop?.currency ?? 'XXX';
}
