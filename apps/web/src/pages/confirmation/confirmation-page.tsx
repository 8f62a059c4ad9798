import { Alert, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCash, IconCheck } from '@tabler/icons-react';
import { useSuspenseQueries } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTRPC } from '../../app/api';
import { orderInput } from '../../app/inputs';
import { dateTimeLabel, money, quantityLabel, STATUS_LABELS } from '../../lib/format';
import { market } from '../../lib/market';
import { trackingPath } from '../../lib/recent-orders';
import { orderRefs } from './loader';

export function ConfirmationPage() {
  const trpc = useTRPC();
  const refs = orderRefs(new URL(useLocation().search, 'http://x'));
  const orders = useSuspenseQueries({ queries: refs.map((r) => trpc.orders.byId.queryOptions(orderInput(r.id, r.token))) }).map((q) => q.data);
  const first = orders[0];
  const currency = first?.currency ?? market().currency;
  const total = orders.reduce((s, o) => s + o.totalCents, 0);
  const delivering = orders.some((o) => o.fulfilment === 'delivery');

  return (
    <Stack gap="lg" maw={760} mx="auto">
      <Stack align="center" ta="center" gap="xs">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconCheck size={32} aria-hidden />
        </ThemeIcon>
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          Thank you{first?.contact?.name ? `, ${first.contact.name.split(' ')[0]}` : ''}! Your order is placed.
        </Title>
        <Text c="dimmed">
          {orders.length === 1 ? 'The shop' : `Each of the ${orders.length} shops`} will confirm shortly
          {first?.contact?.email ? ` — we will email ${first.contact.email}` : ''}. Follow progress live on the tracking page.
        </Text>
      </Stack>
      <Alert color="brand" variant="light" icon={<IconCash aria-hidden />} title={`${money(total, currency)} to pay ${delivering ? 'on collection or delivery' : 'at pickup'}`}>
        Nothing has been charged. Pay each shop when you collect{delivering ? ' or when your order arrives' : ''}.
      </Alert>
      {orders.map((o, i) => (
        <Card key={o.id} padding="lg" data-testid="confirmed-order">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text fw={750} size="lg">
                  {o.vendorName}
                </Text>
                <Text size="sm" c="dimmed">
                  Order {o.number} · {STATUS_LABELS[o.status] ?? o.status}
                </Text>
              </div>
              <Button component={Link} to={trackingPath({ id: o.id, trackingToken: refs[i]?.token ?? '' })} variant="light">
                Track order
              </Button>
            </Group>
            <Text size="sm">
              {o.fulfilment === 'delivery' ? 'Delivery' : 'Pickup'} {o.pickupAt ? dateTimeLabel(o.pickupAt) : 'as soon as it is ready'}
              {o.deliveryAddress ? ` to ${o.deliveryAddress.line1}, ${o.deliveryAddress.postcode}` : ''}
            </Text>
            <Stack gap={2}>
              {o.lines.map((l) => (
                <Group key={l.id} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {`${l.soldBy === 'weight' ? quantityLabel(l.quantity, 'weight') : `${l.quantity} ×`} ${l.name}${l.variantName && l.variantName !== 'Default' ? ` (${l.variantName})` : ''}`}
                  </Text>
                  <Text size="sm">{money(l.totalCents, o.currency)}</Text>
                </Group>
              ))}
              {o.deliveryFeeCents > 0 && (
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">Delivery</Text>
                  <Text size="sm">{money(o.deliveryFeeCents, o.currency)}</Text>
                </Group>
              )}
              <Group justify="space-between" mt={4}>
                <Text fw={700}>Total</Text>
                <Text fw={700}>{money(o.totalCents, o.currency)}</Text>
              </Group>
            </Stack>
          </Stack>
        </Card>
      ))}
      <Group justify="center">
        <Button component={Link} to="/" variant="default">
          Continue shopping
        </Button>
      </Group>
    </Stack>
  );
}
