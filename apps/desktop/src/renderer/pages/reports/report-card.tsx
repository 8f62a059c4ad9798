import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One block of the reports page: a title, an optional note on the right, the chart or table. */
export function ReportCard({ title, note, children, testId }: { title: string; note?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="lg" p="md" data-testid={testId} style={{ minWidth: 0 }}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {note && (
          <Text size="sm" c="ink.7">
            {note}
          </Text>
        )}
      </Group>
      {children}
    </Paper>
  );
}

export function EmptyNote({ text }: { text: string }) {
  return (
    <Text c="ink.6" ta="center" py="xl">
      {text}
    </Text>
  );
}
