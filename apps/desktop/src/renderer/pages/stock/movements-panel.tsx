import { Alert, Badge, Chip, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconCloudUpload, IconHistory } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { dayAndTime } from '../../format/time';
import { itemTitle } from './stock-item';

const KINDS = [
  { value: 'sale', label: 'Sales', badge: 'Sold', color: 'ink' },
  { value: 'refund', label: 'Refunds', badge: 'Refund', color: 'grape' },
  { value: 'receive', label: 'Received', badge: 'Received', color: 'green' },
  { value: 'adjust', label: 'Adjusted', badge: 'Adjusted', color: 'orange' },
  { value: 'count', label: 'Counts', badge: 'Counted', color: 'blue' },
] as const;
type Kind = (typeof KINDS)[number]['value'];

function change(kind: Kind, quantity: number): string {
  if (kind === 'count') return `= ${quantity}`;
  return quantity > 0 ? `+${quantity}` : `\u2212${Math.abs(quantity)}`;
}

/** What moved stock on this counter, newest first; ones the server has not received yet are marked. */
export function MovementsPanel() {
  const trpc = useTRPC();
  const [kinds, setKinds] = useState<Kind[]>(['receive', 'adjust', 'count', 'refund', 'sale']);
  const list = useQuery(trpc.stockHistory.recent.queryOptions({ kinds: kinds.length ? kinds : undefined, limit: 200 }, { placeholderData: keepPreviousData, refetchInterval: 30_000 }));
  return (
    <Stack gap="md">
      <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as Kind[])}>
        <Group gap="xs">
          {KINDS.map((k) => (
            <Chip key={k.value} value={k.value} size="md">
              {k.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {list.isPending && <Loader />}
      {list.isError && <Alert color="red" title="Could not load movements">{errorMessage(list.error)}</Alert>}
      {list.data && list.data.length === 0 && (
        <Stack align="center" gap={4} py="xl" c="ink.6">
          <IconHistory size={48} stroke={1.3} />
          <Text size="lg" c="ink.7">
            No stock movements on this counter yet.
          </Text>
        </Stack>
      )}
      {list.data && list.data.length > 0 && (
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="movements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>When</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th w={120}>What</Table.Th>
              <Table.Th ta="right" w={90}>
                Change
              </Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th w={200}>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((m) => {
              const k = KINDS.find((x) => x.value === m.kind) ?? KINDS[0];
              return (
                <Table.Tr key={m.id} data-testid="movement-row">
                  <Table.Td className="tabular">
                    <Group gap={6} wrap="nowrap">
                      {dayAndTime(m.occurredAt)}
                      {m.pendingSync && <IconCloudUpload size={16} color="var(--mantine-color-orange-7)" aria-label="Not sent to the server yet" />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text fw={600} lh={1.2} lineClamp={1}>
                      {itemTitle(m)}
                    </Text>
                    <Text size="xs" c="ink.7">
                      {m.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={k.color} variant="light">
                      {k.badge}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={700} c={m.kind === 'count' ? undefined : m.quantity < 0 ? 'red.8' : 'green.8'}>
                    {change(m.kind, m.quantity)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {m.note || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.staffName ?? 'Former staff'}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
