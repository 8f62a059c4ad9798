import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { MAX_EACH } from './cart';

/**
 * How many of an item sold each can still be ordered: asked in the browser after the page (so the shared page
 * HTML never carries a stock figure), through `cart.quote`, which reports `shortOf` when fewer than asked are left.
 * `null` = at least MAX_EACH, or not known yet; `loading` says which.
 */
export function useItemsLeft(variantId: string, enabled: boolean): { left: number | null; loading: boolean } {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.cart.quote.queryOptions({ items: [{ variantId, quantity: MAX_EACH }], fulfilment: [] }),
    enabled,
    staleTime: 10_000,
  });
  const line = q.data?.lines.find((l) => l.variantId === variantId);
  return { left: line?.shortOf ? line.shortOf.available : null, loading: enabled && q.isPending };
}
