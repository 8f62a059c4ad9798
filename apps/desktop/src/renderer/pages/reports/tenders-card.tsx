import { DonutChart } from '@mantine/charts';
import { Box, ColorSwatch, Group, Stack, Table, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { minus, money } from '../../format/money';
import { TENDER_LABELS } from './report-range';
import { EmptyNote, ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** How customers paid: cash, Stripe card, the separate card machine; refunds paid back on each. */
export function TendersCard({ report }: { report: Summary }) {
  const c = report.currency;
  const rows = report.tenders.map((t) => ({ ...t, ...(TENDER_LABELS[t.kind] ?? { label: t.kind, color: 'gray.5' }) }));
  const taken = rows.filter((t) => t.takenCents > 0);
  return (
    <ReportCard title="Payments" testId="report-tenders">
      {taken.length === 0 ? (
        <EmptyNote text="No payments in this period." />
      ) : (
        <Group align="center" wrap="nowrap" gap="lg">
          <DonutChart
            size={150}
            thickness={26}
            data={taken.map((t) => ({ name: t.label, value: t.takenCents, color: t.color }))}
            valueFormatter={(v) => money(v, c)}
            tooltipDataSource="segment"
            paddingAngle={taken.length > 1 ? 2 : 0}
            strokeWidth={taken.length > 1 ? 1 : 0}
          />
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Table verticalSpacing={6} horizontalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th ta="right">Taken</Table.Th>
                  <Table.Th ta="right">Refunded</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.kind} data-testid={`tender-${t.kind}`}>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <ColorSwatch size={12} color={`var(--mantine-color-${t.color.replace('.', '-')})`} />
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {t.label}
                          </Text>
                          <Text size="xs" c="ink.6">
                            {t.paymentsCount} payment{t.paymentsCount === 1 ? '' : 's'}
                          </Text>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" className="money">
                      {money(t.takenCents, c)}
                    </Table.Td>
                    <Table.Td ta="right" className="money" c={t.refundedCents ? 'red.8' : 'ink.6'}>
                      {t.refundedCents ? minus(t.refundedCents, c) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        </Group>
      )}
    </ReportCard>
  );
}
