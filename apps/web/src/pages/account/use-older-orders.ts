import type { OrderView } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/api';
import { MY_ORDERS, reviewedInput } from '../../app/inputs';

/**
 * "Show older orders": the account page renders the newest page of orders; older pages are fetched one at a time
 * with the list's cursor and appended, with which of them were reviewed (asked for that page's orders only).
 */
export function useOlderOrders(firstCursor: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [older, setOlder] = useState<OrderView[]>([]);
  const [reviewed, setReviewed] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const next = cursor === undefined ? firstCursor : cursor;

  async function loadMore(): Promise<void> {
    if (!next) return;
    setLoading(true);
    try {
      const page = await queryClient.query(trpc.orders.listMine.queryOptions({ ...MY_ORDERS, cursor: next }));
      const done = await queryClient.query(trpc.reviews.reviewedOrders.queryOptions(reviewedInput(page.items)));
      setOlder((o) => [...o, ...page.items]);
      setReviewed((r) => [...r, ...done]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }

  return { older, reviewed, hasMore: Boolean(next), loading, loadMore };
}
