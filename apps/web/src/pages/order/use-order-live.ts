import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/api';
import { queries } from '../../app/queries';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows the order's status over Server-Sent Events; each change refetches the order (lines, history, what the
 * customer may do next). EventSource reconnects by itself after a dropped connection.
 */
export function useOrderLive(orderId: string, token: string | null): LiveState {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const source = new EventSource(`/live/orders/${orderId}${token ? `?t=${encodeURIComponent(token)}` : ''}`);
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    source.addEventListener('status', (e) => {
      setState('live');
      const { status } = JSON.parse((e as MessageEvent<string>).data) as { status: string };
      const cached = queryClient.getQueryData(queries.order(api, orderId, token).queryKey);
      if (!cached || cached.status !== status) void queryClient.invalidateQueries({ queryKey: queries.order(api, orderId, token).queryKey });
    });
    return () => source.close();
  }, [api, queryClient, orderId, token]);
  return state;
}
