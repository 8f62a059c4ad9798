import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { CHANNEL_LABELS, type NotificationHistoryItem } from '@makeries/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/api';
import { dateTimeLabel } from '../../lib/format';

const PAGE = 5;

const STATUS_WORDS = { sent: 'sent', retry: 'trying again', failed: 'not delivered', skipped: 'not sent' } as const;

/** The link as a storefront path (the server stores it without our origin). */
const pathOf = (url: string) => (url.startsWith('/') ? url : '/');

/** "Recently sent": what we told the customer and where it went, newest first, with "Show older". */
export function NotificationHistory() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useQuery(trpc.notifications.history.queryOptions({ limit: PAGE }));
  const [older, setOlder] = useState<NotificationHistoryItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const next = cursor === undefined ? (first.data?.nextCursor ?? null) : cursor;
  const items = [...(first.data?.items ?? []), ...older];

  async function loadOlder() {
    if (!next) return;
    setLoading(true);
    try {
      const page = await queryClient.query(trpc.notifications.history.queryOptions({ limit: PAGE, cursor: next }));
      setOlder((o) => [...o, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }

  if (first.isPending) return <Text size="sm" c="dimmed">Loading…</Text>;
  if (items.length === 0) return <Text size="sm" c="dimmed">Nothing yet. When a shop accepts your order or it is ready, it shows here.</Text>;
  return (
    <Stack gap="sm">
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Recently sent">
        {items.map((n) => (
          <li key={n.id}>
            <Anchor component="a" href={pathOf(n.url)} fw={600} size="sm" c="dark">
              {n.title}
            </Anchor>
            <Text size="sm">{n.body}</Text>
            <Group gap={6} mt={2}>
              <Text size="xs" c="dimmed">
                {dateTimeLabel(n.createdAt)}
              </Text>
              {n.deliveries.map((d) => (
                <Badge key={d.channel} size="xs" variant="light" color={d.status === 'sent' ? 'brand' : d.status === 'failed' ? 'red' : 'gray'}>
                  {CHANNEL_LABELS[d.channel]} {STATUS_WORDS[d.status]}
                </Badge>
              ))}
            </Group>
          </li>
        ))}
      </Stack>
      {next && (
        <Group>
          <Button variant="default" size="sm" loading={loading} onClick={() => void loadOlder()}>
            Show older
          </Button>
        </Group>
      )}
    </Stack>
  );
}
