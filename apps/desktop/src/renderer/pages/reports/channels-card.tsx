import { Stack, Table, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { money } from '../../format/money';
import { ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** Counter vs web vs both: orders, net before tax, tax and what customers paid, plus the rule for web orders. */
export function ChannelsCard({ report }: { report: Summary }) {
  const { counter, web, all, webOpen, webRule } = report.channels;
  const c = report.currency;
  const rows = [
    { key: 'counter', label: `This register${report.registerCode ? ` (${report.registerCode})` : ''}`, f: counter },
    { key: 'web', label: 'Web orders', f: web },
    { key: 'all', label: 'All channels', f: all },
  ];
  return (
    <ReportCard title="By channel" testId="report-channels">
      <Table.ScrollContainer minWidth={0}>
        <Table verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">Orders</Table.Th>
              <Table.Th ta="right">Net (before tax)</Table.Th>
              <Table.Th ta="right">Tax</Table.Th>
              <Table.Th ta="right">Total paid</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key} data-testid={`channel-${r.key}`} fw={r.key === 'all' ? 700 : undefined}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td ta="right">{r.f.sales.count}</Table.Td>
                <Table.Td ta="right" className="money">
                  {money(r.f.sales.netCents, c)}
                </Table.Td>
                <Table.Td ta="right" className="money">
                  {money(r.f.sales.taxCents, c)}
                </Table.Td>
                <Table.Td ta="right" className="money" data-testid={`channel-${r.key}-total`}>
                  {money(r.f.sales.totalCents, c)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap={4} mt="sm">
        <Text size="sm" c="ink.7" data-testid="web-orders-rule">
          {webRule}
        </Text>
        {webOpen.count > 0 && (
          <Text size="sm" c="ink.7" data-testid="web-orders-open">
            Not counted yet: {webOpen.count} open web order{webOpen.count === 1 ? '' : 's'} worth {money(webOpen.totalCents, c)}.
          </Text>
        )}
      </Stack>
    </ReportCard>
  );
}
