import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../../app/api';
import { dateTimeLabel } from '../../lib/format';

/** What the customer asked to be told about ("Tell me when it's back"), newest first, paged; nothing shown when none. */
export function StockAlertsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(trpc.stockAlerts.list.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const stop = useMutation(trpc.stockAlerts.unsubscribe.mutationOptions());
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return null;

  async function remove(variantId: string) {
    await stop.mutateAsync({ variantId });
    await queryClient.invalidateQueries(trpc.stockAlerts.list.infiniteQueryFilter());
  }

  return (
    <section aria-labelledby="alerts-title">
      <Title id="alerts-title" order={2} size="h4" mb="sm">
        Back-in-stock requests
      </Title>
      <Stack gap="xs">
        {items.map((a) => {
          const name = a.variantName !== 'Default' ? `${a.productName} (${a.variantName})` : a.productName;
          return (
            <Card key={a.variantId} padding="sm">
              <Group justify="space-between" wrap="nowrap" align="center">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Anchor component={Link} to={`/p/${a.productId}`} fw={650}>
                    {name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.vendorName} · {a.notifiedAt ? `told you it was back ${dateTimeLabel(a.notifiedAt)}` : 'waiting — we’ll tell you when it’s back'}
                  </Text>
                </div>
                <Button variant="subtle" color="gray" size="compact-sm" onClick={() => void remove(a.variantId)} aria-label={`Remove ${name}`} style={{ flex: 'none' }}>
                  Remove
                </Button>
              </Group>
            </Card>
          );
        })}
      </Stack>
      {list.hasNextPage && (
        <Button variant="default" mt="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}
