import type { CartQuote, GeoPoint } from '@makeries/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import type { CartState } from './cart';
import { quoteInput } from './requests';

/** The server's view of the cart, refreshed whenever the cart or the delivery point changes. */
export function useCartQuote(cart: CartState, deliverTo: GeoPoint | null): { quote: CartQuote | null; fetching: boolean; failed: boolean } {
  const trpc = useTRPC();
  const input = quoteInput(cart, deliverTo);
  const q = useQuery({
    ...trpc.cart.quote.queryOptions(input),
    enabled: cart.lines.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchOnWindowFocus: true,
  });
  return { quote: q.data ?? null, fetching: q.isFetching, failed: q.isError };
}
