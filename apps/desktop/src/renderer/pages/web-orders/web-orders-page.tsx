import { Box, Center, Loader, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { OrderStatus } from '@makeries/shared';
import { TAB_STATUSES, type Tab } from './status';
import { WebOrderDetail } from './web-order-detail';
import { WebOrderListItem } from './web-order-list-item';

/** The online-orders inbox: new ones first, live as they arrive (the workspace rings for them). */
export function WebOrdersPage({ focusOrderId }: { focusOrderId: string | undefined }) {
  const trpc = useTRPC();
  const all = useQuery(trpc.webOrders.list.queryOptions({ limit: 200 }));
  const unread = useQuery(trpc.messages.unread.queryOptions()).data?.byOrder ?? {};
  const [chosenTab, setTab] = useState<Tab | null>(null);
  const [selected, setSelected] = useState<string | null>(focusOrderId ?? null);
  const orders = all.data ?? [];
  const count = (t: Tab) => orders.filter((o) => TAB_STATUSES[t].includes(o.status)).length;
  // open on what needs doing: new orders first, else the ones in progress
  const tab: Tab = chosenTab ?? (count('new') === 0 && count('active') > 0 ? 'active' : 'new');
  const shown = orders.filter((o) => TAB_STATUSES[tab].includes(o.status));
  const current = selected ?? shown[0]?.id ?? null;
  // an order that moves on (accepted, ready) stays on screen, and the tabs follow it
  const moved = (orderId: string, status: OrderStatus) => {
    setSelected(orderId);
    setTab((Object.keys(TAB_STATUSES) as Tab[]).find((t) => TAB_STATUSES[t].includes(status)) ?? tab);
  };

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: '420px minmax(0, 1fr)', height: '100%', minHeight: 0 }}>
      <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, background: 'white', borderRight: '1px solid var(--mantine-color-ink-2)' }}>
        <Box p="md" style={{ flexShrink: 0 }}>
          <SegmentedControl
            fullWidth
            value={tab}
            onChange={(v) => {
              setTab(v as Tab);
              setSelected(null);
            }}
            data={[
              { value: 'new', label: `New (${count('new')})` },
              { value: 'active', label: `In progress (${count('active')})` },
              { value: 'done', label: 'Done' },
            ]}
          />
        </Box>
        <ScrollArea style={{ flex: 1, minHeight: 0 }}>
          {all.isPending && <Loader m="md" />}
          {all.isError && <Text c="red.8" p="md">{errorMessage(all.error)}</Text>}
          {all.data && shown.length === 0 && (
            <Text c="ink.7" p="md">
              {tab === 'new' ? 'No new orders. New ones ring and appear here.' : tab === 'active' ? 'Nothing in progress.' : 'No finished orders yet.'}
            </Text>
          )}
          {shown.map((o) => (
            <WebOrderListItem key={o.id} order={o} active={o.id === current} unread={unread[o.id] ?? 0} onOpen={() => setSelected(o.id)} />
          ))}
        </ScrollArea>
      </Box>
      {current ? (
        <WebOrderDetail key={current} orderId={current} onMoved={moved} />
      ) : (
        <Center>
          <Stack align="center" c="ink.5">
            <IconWorld size={64} stroke={1.2} />
            <Text size="lg" c="ink.7">
              Online orders for this shop appear here.
            </Text>
          </Stack>
        </Center>
      )}
    </Box>
  );
}
