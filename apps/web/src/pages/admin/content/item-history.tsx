import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReportKind } from '@makeries/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../app/api';
import { actionLabel, consoleDate } from './format';
import { historyInput } from './inputs';

/** What operators did to this item, newest first, from the audit log. */
export function ItemHistory({ kind, id }: { kind: ReportKind; id: string }) {
  const trpc = useTRPC();
  const history = useSuspenseQuery(trpc.admin.audit.queryOptions(historyInput(kind, id))).data;
  return (
    <section aria-labelledby="history-title">
      <Title id="history-title" order={2} size="h4" mb="xs">
        History
      </Title>
      {history.items.length === 0 ? (
        <Text c="dimmed">No operator has acted on this yet.</Text>
      ) : (
        <Stack gap="xs">
          {history.items.map((h) => (
            <Card key={h.seq} padding="sm" withBorder>
              <Text fw={650}>{actionLabel(h.action)}</Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {h.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {h.operator.name} · {consoleDate(h.at)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}
