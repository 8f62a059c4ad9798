import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { REPORT_KIND_LABELS, REPORT_REASON_LABELS, type ContentQueueItem, type ReportReason } from '@makeries/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { failureOf, useTRPC } from '../../../app/api';
import { consoleDate } from './format';
import { queueFilter, queueInput } from './inputs';

const KIND_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: 'product', label: 'Products' },
  { value: 'shop', label: 'Shops' },
  { value: 'review', label: 'Reviews' },
  { value: 'message', label: 'Messages' },
];

/** The moderation queue: open reports grouped by item, newest or most reported first, filtered by kind. */
export function ContentQueuePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = queueFilter(params);
  const first = useSuspenseQuery(trpc.admin.content.queue.queryOptions(queueInput(filter))).data;
  const key = `${filter.kind ?? 'all'}:${filter.sort}`;
  const [more, setMore] = useState<{ key: string; items: ContentQueueItem[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const extra = more?.key === key ? more : null;
  const items = [...first.items, ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : first.nextCursor;

  function setFilter(next: { kind?: string; sort?: string }) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === 'all' || (k === 'sort' && v === 'newest')) p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await queryClient.query(trpc.admin.content.queue.queryOptions(queueInput(filter, cursor)));
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      setError(failureOf(e).message || 'Could not load more. Check your connection and try again.');
    } finally {
      setLoading(false);
    }
  }

  return (
    <Stack gap="lg" maw={960} mx="auto" w="100%">
      <div>
        <Title order={1} size="h2">
          Reported content
        </Title>
        <Text c="dimmed" size="sm">
          Open reports from customers, one row per reported item.
        </Text>
      </div>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl aria-label="Kind" data={KIND_OPTIONS} value={filter.kind ?? 'all'} onChange={(v) => setFilter({ kind: v })} />
        <SegmentedControl
          aria-label="Order"
          data={[
            { value: 'newest', label: 'Newest' },
            { value: 'most', label: 'Most reported' },
          ]}
          value={filter.sort}
          onChange={(v) => setFilter({ sort: v })}
        />
      </Group>
      {items.length === 0 ? (
        <Card padding="xl">
          <Text ta="center" c="dimmed">
            Nothing to review: there are no open reports{filter.kind ? ` of ${REPORT_KIND_LABELS[filter.kind].toLowerCase()}s` : ''}.
          </Text>
        </Card>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Reported items">
          {items.map((item) => (
            <QueueRow key={`${item.kind}:${item.id}`} item={item} />
          ))}
        </Stack>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {cursor && (
        <Button variant="default" onClick={() => void loadMore()} loading={loading} style={{ alignSelf: 'flex-start' }}>
          Show more
        </Button>
      )}
    </Stack>
  );
}

function QueueRow({ item }: { item: ContentQueueItem }) {
  const reasons = Object.entries(item.reasons) as [ReportReason, number][];
  return (
    <Card component="li" padding="md" withBorder>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
          <Group gap={8}>
            <Badge variant="light" color="gray">
              {REPORT_KIND_LABELS[item.kind]}
            </Badge>
            {item.hidden && <Badge color="red">Hidden</Badge>}
          </Group>
          <Text component={Link} to={`/admin/content/${item.kind}/${item.id}`} fw={650} style={{ overflowWrap: 'anywhere' }} td="underline">
            {item.title}
          </Text>
          {item.shop && item.kind !== 'shop' && (
            <Text size="sm" c="dimmed">
              {item.shop.name}
            </Text>
          )}
          <Group gap={6}>
            {reasons.map(([r, n]) => (
              <Badge key={r} variant="outline" color="orange" size="sm">
                {REPORT_REASON_LABELS[r]}
                {n > 1 ? ` × ${n}` : ''}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Stack gap={2} ta={{ base: 'left', sm: 'right' }}>
          <Text fw={700}>
            {item.openReports} open report{item.openReports === 1 ? '' : 's'}
          </Text>
          <Text size="sm" c="dimmed">
            last {consoleDate(item.lastReportedAt)}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
