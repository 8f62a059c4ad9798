import type { FavouriteList } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/api';

type Kind = 'shops' | 'products';

/**
 * "Show more" for one favourites list: the first page comes with the page's query, later pages are fetched one
 * at a time with that list's cursor and appended (the server never sends a whole long list at once).
 */
export function useMoreFavourites<K extends Kind>(kind: K, first: FavouriteList | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [extra, setExtra] = useState<FavouriteList[K]>([] as FavouriteList[K]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const next = cursor === undefined ? (kind === 'shops' ? first?.shopsNextCursor : first?.productsNextCursor) : cursor;

  async function loadMore(): Promise<void> {
    if (!next) return;
    setLoading(true);
    try {
      const page = await queryClient.query(
        trpc.favourites.list.queryOptions(kind === 'shops' ? { only: 'shops', shopsCursor: next } : { only: 'products', productsCursor: next }),
      );
      setExtra((e) => [...e, ...page[kind]] as FavouriteList[K]);
      setCursor(kind === 'shops' ? page.shopsNextCursor : page.productsNextCursor);
    } finally {
      setLoading(false);
    }
  }

  return { extra, hasMore: Boolean(next), loading, loadMore };
}
