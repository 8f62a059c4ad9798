import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../app/api';
import type { HealthFormat } from './format';

function age(seconds: number | null): string {
  if (seconds === null) return 'nothing due';
  if (seconds < 120) return `${String(seconds)} s late`;
  if (seconds < 7200) return `${String(Math.round(seconds / 60))} min late`;
  return `${String(Math.round(seconds / 3600))} h late`;
}

function Section({ title, empty, count, more, children }: { title: string; empty: string; count: number; more?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">
          <Table.ScrollContainer minWidth={0}>
            <Table fz="sm" striped>
              {children}
            </Table>
          </Table.ScrollContainer>
          {more}
        </Stack>
      )}
    </Card>
  );
}

function MoreButton({ q }: { q: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!q.hasNextPage) return null;
  return (
    <Button variant="subtle" size="xs" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
      Show more
    </Button>
  );
}

/** Stale counters, failing bridges, oversold shops and the queues: each paged, newest problems first. */
export function HealthWatchlists({ fmt }: { fmt: HealthFormat }) {
  const when = fmt.when;
  const trpc = useTRPC();
  const page = { getNextPageParam: (p: { nextCursor: string | null }) => p.nextCursor ?? undefined };
  const stale = useInfiniteQuery(trpc.admin.health.staleCounters.infiniteQueryOptions({ limit: 10 }, page));
  const bridges = useInfiniteQuery(trpc.admin.health.failingBridges.infiniteQueryOptions({ limit: 10 }, page));
  const oversold = useInfiniteQuery(trpc.admin.health.oversoldShops.infiniteQueryOptions({ limit: 10 }, page));
  const queues = useQuery(trpc.admin.health.queues.queryOptions());
  const staleItems = stale.data?.pages.flatMap((p) => p.items) ?? [];
  const bridgeItems = bridges.data?.pages.flatMap((p) => p.items) ?? [];
  const oversoldItems = oversold.data?.pages.flatMap((p) => p.items) ?? [];
  const q = queues.data;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Needs attention
      </Title>
      <Section title="Counters not synced for a day" empty="Every counter synced within the last day." count={staleItems.length} more={<MoreButton q={stale} />}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Shop</Table.Th>
            <Table.Th>Counter</Table.Th>
            <Table.Th>Last sync</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staleItems.map((d) => (
            <Table.Tr key={d.deviceId}>
              <Table.Td>{d.vendorName}</Table.Td>
              <Table.Td>
                {d.deviceName} ({d.registerCode})
              </Table.Td>
              <Table.Td>{d.lastSeenAt ? when(d.lastSeenAt) : `never (paired ${when(d.pairedAt)})`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Failing POS bridges" empty="Every POS bridge is connected." count={bridgeItems.length} more={<MoreButton q={bridges} />}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shop</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bridgeItems.map((b) => (
              <Table.Tr key={b.vendorId}>
                <Table.Td>
                  {b.vendorName}
                  <Text size="xs" c="dimmed">
                    {b.provider}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={b.status === 'connected' ? 'yellow' : 'red'} variant="light">
                    {b.status}
                  </Badge>{' '}
                  {b.consecutiveFailures > 0 && <Text span size="xs">{`${String(b.consecutiveFailures)} failures in a row`}</Text>}
                  {b.statusReason && (
                    <Text size="xs" c="dimmed">
                      {b.statusReason}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Section>
        <Section title="Repeated oversold alerts (7 days)" empty="No shop raised three or more oversold alerts this week." count={oversoldItems.length} more={<MoreButton q={oversold} />}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shop</Table.Th>
              <Table.Th ta="right">Alerts</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {oversoldItems.map((o) => (
              <Table.Tr key={o.vendorId}>
                <Table.Td>{o.vendorName}</Table.Td>
                <Table.Td ta="right">{o.alerts}</Table.Td>
                <Table.Td ta="right">{o.open}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Section>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Queues
        </Title>
        {q ? (
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} w={90}>
                Email
              </Text>
              <Text size="sm">{`${String(q.email.queued)} waiting · ${String(q.email.due)} due · ${age(q.email.oldestDueSeconds)} · ${String(q.email.failed)} failed`}</Text>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} w={90}>
                Jobs
              </Text>
              <Text size="sm">{`${String(q.jobs.queued)} waiting · ${String(q.jobs.due)} due · ${age(q.jobs.oldestDueSeconds)} · ${String(q.jobs.failed)} failed`}</Text>
            </Group>
            {q.jobs.byKind.length > 0 && (
              <Text size="xs" c="dimmed">
                {q.jobs.byKind.map((k) => `${k.kind}: ${String(k.queued)} waiting, ${String(k.failed)} failed`).join(' · ')}
              </Text>
            )}
            {q.failingTasks.map((t) => (
              <Text key={t.name} size="xs" c="red">
                {`Periodic task ${t.name} failed: ${t.lastError}`}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        )}
      </Card>
    </Stack>
  );
}
