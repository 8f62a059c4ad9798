import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ReorderButton } from '../../components/reorder-button';
import { dateTimeLabel, money, STATUS_SHORT } from '../../lib/format';

export interface OrderListItem {
  id: string;
  href: string;
  number: string;
  vendorName: string;
  status?: string;
  totalCents: number;
  currency: string;
  placedAt: string;
  /** e.g. "Write a review": a separate link under the card (a link cannot hold another) */
  action?: { href: string; label: string };
  /** "Order this again" (a guest's order with its tracking token) */
  again?: { trackingToken?: string };
}

const COLORS: Record<string, string> = { placed: 'blue', accepted: 'brand', preparing: 'brand', ready: 'brand', out_for_delivery: 'brand', completed: 'gray', rejected: 'red', cancelled: 'gray' };

export function OrderList({ orders, empty }: { orders: OrderListItem[]; empty: string }) {
  if (orders.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs">
      {orders.map((o) => (
        <div key={o.id}>
        <Link to={o.href} className="mk-card-link">
          <Card padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text fw={650} truncate>
                  {o.vendorName}
                </Text>
                <Group gap={8} mt={2}>
                  {o.status && (
                    <Badge color={COLORS[o.status] ?? 'gray'} variant="light" size="sm">
                      {STATUS_SHORT[o.status] ?? o.status}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {`${o.number} · ${dateTimeLabel(o.placedAt)}`}
                  </Text>
                </Group>
              </div>
              <Text fw={650} style={{ whiteSpace: 'nowrap' }}>
                {money(o.totalCents, o.currency)}
              </Text>
            </Group>
          </Card>
        </Link>
        {(o.action || o.again) && (
          <Group gap="xs" mt={6}>
            {o.action && (
              <Button component={Link} to={o.action.href} variant="light" size="sm" leftSection={<IconStar size={16} aria-hidden />} aria-label={`${o.action.label}: ${o.vendorName}, ${o.number}`}>
                {o.action.label}
              </Button>
            )}
            {o.again && <ReorderButton orderId={o.id} {...(o.again.trackingToken ? { trackingToken: o.again.trackingToken } : {})} label={`Order this again: ${o.vendorName}, ${o.number}`} />}
          </Group>
        )}
        </div>
      ))}
    </Stack>
  );
}
