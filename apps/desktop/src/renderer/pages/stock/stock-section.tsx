import { Badge, Box, Group, ScrollArea, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../api/trpc';
import type { SignedIn } from '../../api/types';
import { isManagerRole } from '../../components/role-label';
import { AdjustPanel } from './adjust-panel';
import { CountPanel } from './count-panel';
import { LowStockPanel } from './low-stock-panel';
import { MovementsPanel } from './movements-panel';
import { ReceivePanel } from './receive-panel';
import type { StockItem } from './stock-item';

type Mode = 'low' | 'receive' | 'count' | 'adjust' | 'movements';

/** Back office → Stock: low stock, receive a delivery, count a shelf, adjust with a reason, recent movements. */
export function StockSection({ staff }: { staff: SignedIn }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<Mode>('low');
  const [seed, setSeed] = useState<{ key: number; items: StockItem[] }>({ key: 0, items: [] });
  const low = useQuery(trpc.inventory.lowStock.queryOptions({ limit: 200 }));
  const lowCount = low.data?.length ?? 0;

  const receive = (items: StockItem[]) => {
    setSeed((s) => ({ key: s.key + 1, items }));
    setMode('receive');
  };

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Tabs value={mode} onChange={(v) => v && setMode(v as Mode)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
        <Box px="lg" pt="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
          <Group justify="space-between" mb="xs">
            <Title order={2}>Stock</Title>
            {!isManagerRole(staff.role) && (
              <Text c="ink.7" size="sm">
                Changes need a manager’s PIN.
              </Text>
            )}
          </Group>
          <Tabs.List style={{ borderBottom: 0 }}>
            <Tabs.Tab value="low" fz="md" py="md" rightSection={lowCount > 0 ? <Badge color="orange" circle size="lg">{lowCount}</Badge> : undefined}>
              Low stock
            </Tabs.Tab>
            <Tabs.Tab value="receive" fz="md" py="md">
              Receive
            </Tabs.Tab>
            <Tabs.Tab value="count" fz="md" py="md">
              Count
            </Tabs.Tab>
            <Tabs.Tab value="adjust" fz="md" py="md">
              Adjust
            </Tabs.Tab>
            <Tabs.Tab value="movements" fz="md" py="md">
              Movements
            </Tabs.Tab>
          </Tabs.List>
        </Box>
        <ScrollArea style={{ flex: 1, minHeight: 0 }}>
          <Box p="lg">
            <Tabs.Panel value="low">
              <LowStockPanel onReceive={receive} />
            </Tabs.Panel>
            <Tabs.Panel value="receive">
              <ReceivePanel key={seed.key} seed={seed.items} />
            </Tabs.Panel>
            <Tabs.Panel value="count">
              <CountPanel />
            </Tabs.Panel>
            <Tabs.Panel value="adjust">
              <AdjustPanel />
            </Tabs.Panel>
            <Tabs.Panel value="movements">
              <MovementsPanel />
            </Tabs.Panel>
          </Box>
        </ScrollArea>
      </Tabs>
    </Box>
  );
}
