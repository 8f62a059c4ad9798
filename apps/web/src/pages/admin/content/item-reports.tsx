import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { REPORT_REASON_LABELS, type ContentReportView, type ReportKind } from '@makeries/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../../../app/api';
import { consoleDate } from './format';
import { reportsInput } from './inputs';

const REPORTER_LABEL = { customer: 'A customer', guest: 'A guest customer (tracking link)', shop: 'The shop' } as const;

const STATUS: Record<ContentReportView['status'], { label: string; color: string }> = {
  open: { label: 'Open', color: 'orange' },
  dismissed: { label: 'Dismissed', color: 'gray' },
  actioned: { label: 'Acted on', color: 'brand' },
};

/** Every report of the item, newest first, with who sent it. */
export function ItemReports({ kind, id }: { kind: ReportKind; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useSuspenseQuery(trpc.admin.content.reports.queryOptions(reportsInput(kind, id))).data;
  const [more, setMore] = useState<{ items: ContentReportView[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = [...first.items, ...(more?.items ?? [])];
  const cursor = more ? more.cursor : first.nextCursor;

  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await queryClient.query(trpc.admin.content.reports.queryOptions(reportsInput(kind, id, cursor)));
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      setError(failureOf(e).message);
    }
  }

  return (
    <section aria-labelledby="reports-title">
      <Title id="reports-title" order={2} size="h4" mb="xs">
        Reports
      </Title>
      {items.length === 0 && <Text c="dimmed">No reports.</Text>}
      <Stack gap="xs">
        {items.map((r) => (
          <Card key={r.id} padding="sm" withBorder>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap={8}>
                <Text fw={650}>{REPORT_REASON_LABELS[r.reason]}</Text>
                <Badge size="sm" variant="light" color={STATUS[r.status].color}>
                  {STATUS[r.status].label}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {consoleDate(r.createdAt)}
              </Text>
            </Group>
            {r.details && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                {r.details}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {r.customer ? `${r.customer.name} · ${r.customer.email}` : REPORTER_LABEL[r.reporter]}
              {r.resolution ? ` · closed: ${r.resolution}` : ''}
            </Text>
          </Card>
        ))}
      </Stack>
      {error && (
        <Alert color="red" variant="light" role="alert" mt="xs">
          {error}
        </Alert>
      )}
      {cursor && (
        <Button variant="default" mt="sm" onClick={() => void loadMore()}>
          Show more reports
        </Button>
      )}
    </section>
  );
}
