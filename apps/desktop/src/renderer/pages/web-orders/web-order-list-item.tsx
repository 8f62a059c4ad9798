import { Badge, Group, Text } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import type { WebOrder } from '../../api/types';
import { ListRow } from '../../components/list-row';
import { money } from '../../format/money';
import { clockTime, dayAndTime } from '../../format/time';
import { contactOf, STATUS_COLOR, STATUS_LABEL } from './status';

export function WebOrderListItem({ order, active, unread, onOpen }: { order: WebOrder; active: boolean; unread: number; onOpen: () => void }) {
  const who = contactOf(order.contact).name || 'Customer';
  return (
    <ListRow active={active} onOpen={onOpen} testId="web-order-row">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700}>
          {order.number} · {who}
        </Text>
        <Group gap={6} wrap="nowrap">
          {unread > 0 && (
            <Badge color="blue" leftSection={<IconMessage size={12} />} data-testid="web-order-unread" aria-label={`${unread} unread messages`}>
              {unread}
            </Badge>
          )}
          <Badge color={STATUS_COLOR[order.status]} variant={order.status === 'placed' ? 'filled' : 'light'}>
            {STATUS_LABEL[order.status]}
          </Badge>
        </Group>
      </Group>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="ink.7">
          {order.fulfilment === 'delivery' ? 'Delivery' : 'Pickup'}
          {order.pickupAt ? ` ${clockTime(order.pickupAt)}` : ''} · placed {dayAndTime(order.placedAt)}
        </Text>
        <Text size="sm" fw={700} className="money">
          {money(order.totalCents, order.currency)}
        </Text>
      </Group>
    </ListRow>
  );
}
