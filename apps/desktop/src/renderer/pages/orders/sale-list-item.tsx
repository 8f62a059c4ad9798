import { Badge, Box, Group, Text } from '@mantine/core';
import type { SaleView } from '../../api/types';
import { ListRow } from '../../components/list-row';
import { money } from '../../format/money';
import { dayAndTime } from '../../format/time';

/** A receipt in the history list: number, when, what, how much, and whether it has reached the marketplace. */
export function SaleListItem({ sale, active, onOpen }: { sale: SaleView; active: boolean; onOpen: () => void }) {
  const items = sale.lines.map((l) => l.name).join(', ');
  return (
    <ListRow active={active} onOpen={onOpen} testId="sale-row">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700} className="tabular">
          {sale.number}
        </Text>
        <Text fw={700} className="money">
          {money(sale.totalCents, sale.currency)}
        </Text>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" c="ink.7" truncate style={{ minWidth: 0 }}>
          {dayAndTime(sale.completedAt)} · {items}
        </Text>
        <Box style={{ flexShrink: 0 }}>
          {sale.refundedCents > 0 && (
            <Badge size="sm" color="grape" variant="light">
              refund
            </Badge>
          )}
          {sale.syncStatus !== 'applied' && (
            <Badge size="sm" ml={4} color={sale.syncStatus === 'pending' ? 'yellow' : 'orange'} variant="light">
              {sale.syncStatus === 'pending' ? 'waiting' : 'attention'}
            </Badge>
          )}
        </Box>
      </Group>
    </ListRow>
  );
}
