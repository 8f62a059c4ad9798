import { orderStatusSchema } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '../../app/api';
import { messagesInput, orderInput } from '../../app/inputs';
import { applyLiveMessages } from './live-messages';

const statusEvent = z.object({ status: orderStatusSchema });

function statusOf(e: Event): string | null {
  if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return null;
  try {
    const parsed = statusEvent.safeParse(JSON.parse(e.data));
    return parsed.success ? parsed.data.status : null;
  } catch {
    return null;
  }
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows the order's status over Server-Sent Events; each change refetches the order (lines, history, what the
 * customer may do next). EventSource reconnects by itself after a dropped connection.
 */
export function useOrderLive(orderId: string, token: string | null): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const source = new EventSource(`/live/orders/${orderId}${token ? `?t=${encodeURIComponent(token)}` : ''}`);
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    source.addEventListener('status', (e) => {
      setState('live');
      const status = statusOf(e);
      const cached = queryClient.getQueryData(trpc.orders.byId.queryKey(orderInput(orderId, token)));
      if (!cached || cached.status !== status) void queryClient.invalidateQueries(trpc.orders.byId.queryFilter(orderInput(orderId, token)));
    });
    // the order's messages come on the same channel (issue 18): a shop's reply appears without a reload
    source.addEventListener('messages', (e) => applyLiveMessages(queryClient, trpc.messages.list.queryKey(messagesInput(orderId, token)), e));
    return () => source.close();
  }, [trpc, queryClient, orderId, token]);
  return state;
}
