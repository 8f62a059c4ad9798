import { Badge, Table, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { minus } from '../../format/money';
import { dayAndTime } from '../../format/time';
import { TENDER_LABELS } from './report-range';
import { EmptyNote, ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** Every refund of the period: which receipt, why, who gave it and who approved it. */
export function RefundsCard({ report }: { report: Summary }) {
  return (
    <ReportCard title="Refunds" testId="report-refunds">
      {report.refunds.length === 0 ? (
        <EmptyNote text="No refunds in this period." />
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Receipt</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Paid back</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.refunds.map((r) => (
              <Table.Tr key={r.id} data-testid="refund-row">
                <Table.Td className="tabular">{dayAndTime(r.refundedAt)}</Table.Td>
                <Table.Td className="tabular">{r.saleNumber}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {r.reason || '—'}
                  </Text>
                  {r.restock && (
                    <Badge size="xs" variant="light" color="green">
                      back on shelf
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.staffName ?? 'Former staff'}</Text>
                  {r.approvedByName && (
                    <Text size="xs" c="ink.6">
                      approved by {r.approvedByName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{TENDER_LABELS[r.tender]?.label ?? r.tender}</Table.Td>
                <Table.Td ta="right" className="money" c="red.8" fw={600}>
                  {minus(r.paidOutCents, report.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ReportCard>
  );
}
