import { Table } from '@mantine/core';
import { sumCents } from '@makeries/shared';
import type { Outputs } from '../../api/types';
import { money } from '../../format/money';
import { dayLabel } from '../reports/report-range';
import { ReportCard } from '../reports/report-card';

type Payouts = Outputs['payouts']['summary'];
type Day = Payouts['days'][number];

const COLUMNS: { key: keyof Omit<Day, 'date'>; label: string }[] = [
  { key: 'chargesCents', label: 'Card payments' },
  { key: 'feesCents', label: 'Marketplace fees' },
  { key: 'refundsCents', label: 'Refunds' },
  { key: 'transfersCents', label: 'Sent to Stripe account' },
  { key: 'netCents', label: 'Net' },
];

/** One row per day with card money, and a totals row. */
export function PayoutsTable({ payouts }: { payouts: Payouts }) {
  const cell = (cents: number) => money(cents, payouts.currency);
  return (
    <ReportCard title="Per day" note="Net = card payments − fees − refunds" testId="payouts-table">
      <Table striped highlightOnHover verticalSpacing="sm" fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} ta="right">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payouts.days.map((d) => (
            <Table.Tr key={d.date}>
              <Table.Td>{dayLabel(d.date)}</Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c.key} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {cell(d[c.key])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="payouts-total" style={{ fontWeight: 700 }}>
            <Table.Th>Total</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {cell(sumCents(payouts.days.map((d) => d[c.key])))}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ReportCard>
  );
}
