import { Table, Text } from '@mantine/core';
import type { OpeningHours } from '@makeries/shared';
import { weekdayIn, weeklyHours } from '../../lib/format';

/** The week from Monday; today (in the shop's time zone) in bold. */
export function HoursTable({ hours, timezone, now }: { hours: OpeningHours; timezone: string; now: Date }) {
  const today = weekdayIn(timezone, now);
  return (
    <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0} fz="sm">
      <caption className="mk-visually-hidden">Opening hours</caption>
      <Table.Tbody>
        {weeklyHours(hours).map((row) => (
          <Table.Tr key={row.day} fw={row.day === today ? 700 : undefined} aria-current={row.day === today ? 'date' : undefined}>
            <Table.Th scope="row" fw="inherit" w="45%">
              {row.name}
              {row.day === today ? ' (today)' : ''}
            </Table.Th>
            <Table.Td>
              <Text span size="sm" fw="inherit" c={row.ranges === 'Closed' ? 'dimmed' : undefined}>
                {row.ranges}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
