import { Table, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { money } from '../../format/money';
import { EmptyNote, ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** Who sold what on this counter. */
export function StaffCard({ report }: { report: Summary }) {
  return (
    <ReportCard title="Staff" testId="report-staff">
      {report.staff.length === 0 ? (
        <EmptyNote text="Nobody sold anything in this period." />
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th ta="right">Sales</Table.Th>
              <Table.Th ta="right">Refunds</Table.Th>
              <Table.Th ta="right">Takings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.staff.map((s) => (
              <Table.Tr key={s.staffId} data-testid="staff-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {s.name ?? 'Former staff'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.salesCount}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {s.refundCount}
                </Table.Td>
                <Table.Td ta="right" className="money" fw={600}>
                  {money(s.revenueCents, report.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ReportCard>
  );
}
