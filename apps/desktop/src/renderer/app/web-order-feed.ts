import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../api/trpc';
import { playChime } from '../hooks/chime';

/** New web orders, status changes and customers' messages, live: refresh the inbox, and ring for a new order or message wherever staff are. */
export function useWebOrderFeed(onOpen: (orderId: string) => void): void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  useSubscription(
    trpc.webOrders.onChange.subscriptionOptions(undefined, {
      onData(event) {
        void qc.invalidateQueries(trpc.webOrders.pathFilter());
        void qc.invalidateQueries(trpc.messages.pathFilter());
        if (event.kind === 'message') {
          playChime();
          notifications.show({
            id: `web-order-message-${event.orderId}`,
            title: `New message on order ${event.number}`,
            message: 'Tap to read it and answer.',
            color: 'blue',
            autoClose: 8000,
            onClick: () => onOpen(event.orderId),
            style: { cursor: 'pointer' },
          });
          return;
        }
        if (event.kind !== 'arrived' || event.status !== 'placed') return;
        playChime();
        notifications.show({
          id: `web-order-${event.orderId}`,
          title: `New online order ${event.number}`,
          message: 'Tap to open the online orders inbox.',
          color: 'brand',
          autoClose: 8000,
          onClick: () => onOpen(event.orderId),
          style: { cursor: 'pointer' },
        });
      },
    }),
  );
}
