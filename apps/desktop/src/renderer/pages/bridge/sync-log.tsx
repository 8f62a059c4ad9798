import { Badge, Table, Text } from '@mantine/core';
import type { BridgeLogEntry } from '@makeries/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc';
import { dayAndTime } from '../../format/time';
import { PagedCard } from './paged-card';

const PAGE = 25;

const LEVEL: Record<BridgeLogEntry['level'], { label: string; color: string }> = {
  info: { label: 'Info', color: 'gray' },
  warn: { label: 'Warning', color: 'orange' },
  error: { label: 'Error', color: 'red' },
};

/** What the link did, newest first: imports, syncs, pauses, refusals from the point of sale. */
export function SyncLog({ pos }: { pos: string }) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(trpc.bridges.log.infiniteQueryOptions({ limit: PAGE }, { getNextPageParam: (last) => last.nextCursor, retry: false }));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PagedCard title="Sync log" testId="bridge-sync-log" pages={pages} count={items.length} empty={<Text c="ink.7">Nothing yet. Imports, syncs and problems with {pos} are listed here.</Text>}>
      <Table verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>When</Table.Th>
            <Table.Th w={110}>Level</Table.Th>
            <Table.Th>What happened</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id} data-testid="bridge-log-entry">
              <Table.Td c="ink.7" className="tabular">
                {dayAndTime(e.at)}
              </Table.Td>
              <Table.Td>
                <Badge color={LEVEL[e.level].color} variant="light">
                  {LEVEL[e.level].label}
                </Badge>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </PagedCard>
  );
}
