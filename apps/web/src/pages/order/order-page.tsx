import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { isTerminal } from '@makeries/shared';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { orderInput } from '../../app/inputs';
import { ReorderButton } from '../../components/reorder-button';
import { VendorFacts } from '../../components/vendor-facts';
import { dateTimeLabel, money, quantityLabel, STATUS_LABELS } from '../../lib/format';
import { tokenFrom } from './loader';
import { statusCopy, statusSteps } from './status-copy';
import { useOrderLive } from './use-order-live';

const LIVE_LABEL = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

export function OrderPage() {
  const trpc = useTRPC();
  const transition = useMutation(trpc.orders.transition.mutationOptions());
  const queryClient = useQueryClient();
  const { orderId = '' } = useParams();
  const token = tokenFrom(new URL(useLocation().search, 'http://x'));
  const order = useSuspenseQuery(trpc.orders.byId.queryOptions(orderInput(orderId, token))).data;
  const vendor = useQuery(trpc.vendors.byId.queryOptions({ vendorId: order.vendorId })).data;
  const live = useOrderLive(orderId, token);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const copy = statusCopy(order);
  const steps = statusSteps(order.fulfilment);
  const reached = Math.max(0, steps.indexOf(order.status));
  const stopped = order.status === 'rejected' || order.status === 'cancelled';

  async function cancel() {
    setCancelError(null);
    try {
      await transition.mutateAsync({ orderId, to: 'cancelled', ...(token ? { trackingToken: token } : {}) });
      await queryClient.invalidateQueries(trpc.orders.byId.queryFilter(orderInput(orderId, token)));
    } catch (e) {
      setCancelError(failureOf(e).message);
    }
    setConfirmCancel(false);
  }

  return (
    <Stack gap="lg" maw={760} mx="auto">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            Order {order.number} · {order.vendorName}
          </Text>
          <Title order={1} fz={{ base: 28, sm: 34 }} data-testid="order-status" data-status={order.status}>
            {copy.headline}
          </Title>
        </div>
        {!isTerminal(order.status) && (
          <Badge variant="dot" color={live === 'live' ? 'brand' : 'gray'} size="lg" aria-label={`Live updates: ${LIVE_LABEL[live]}`}>
            {LIVE_LABEL[live]}
          </Badge>
        )}
      </Group>
      <div aria-live="polite" role="status">
        <Text size="lg">{copy.detail}</Text>
      </div>
      {stopped ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={STATUS_LABELS[order.status]}>
          {copy.detail}
        </Alert>
      ) : (
        <Card padding="lg">
          <Timeline active={reached} bulletSize={26} lineWidth={3} color="brand">
            {steps.map((s, i) => (
              <Timeline.Item key={s} title={STATUS_LABELS[s]} bullet={i <= reached ? <IconCheck size={14} aria-hidden /> : null} lineVariant={i < reached ? 'solid' : 'dashed'}>
                <Text size="xs" c="dimmed">
                  {(() => {
                    const at = order.events.find((e) => e.toStatus === s)?.at;
                    return at ? dateTimeLabel(at) : i < reached ? 'Skipped' : ' ';
                  })()}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      )}
      <Card padding="lg">
        <Stack gap="sm">
          <Text fw={700}>{order.fulfilment === 'delivery' ? 'Delivery' : 'Pickup'}</Text>
          <Text size="sm">
            {order.pickupAt ? dateTimeLabel(order.pickupAt) : 'As soon as it is ready'}
            {order.deliveryAddress ? ` · to ${order.deliveryAddress.line1}, ${order.deliveryAddress.postcode}` : ''}
          </Text>
          {vendor && order.fulfilment !== 'delivery' && <VendorFacts v={vendor} addressOnly />}
        </Stack>
      </Card>
      <Card padding="lg">
        <Stack gap={4}>
          {order.lines.map((l) => (
            <Group key={l.id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {`${l.soldBy === 'weight' ? quantityLabel(l.quantity, 'weight') : `${l.quantity} ×`} ${l.name}${l.variantName && l.variantName !== 'Default' ? ` (${l.variantName})` : ''}`}
              </Text>
              <Text size="sm">{money(l.totalCents, order.currency)}</Text>
            </Group>
          ))}
          {order.deliveryFeeCents > 0 && (
            <Group justify="space-between">
              <Text size="sm">Delivery</Text>
              <Text size="sm">{money(order.deliveryFeeCents, order.currency)}</Text>
            </Group>
          )}
          <Group justify="space-between" mt={6}>
            <Text fw={700}>To pay at {order.fulfilment === 'delivery' ? 'delivery' : 'pickup'}</Text>
            <Text fw={700}>{money(order.totalCents, order.currency)}</Text>
          </Group>
        </Stack>
      </Card>
      {cancelError && (
        <Alert color="red" variant="light">
          {cancelError}
        </Alert>
      )}
      {order.nextStatuses.includes('cancelled') && (
        <Group>
          {confirmCancel ? (
            <>
              <Button color="red" onClick={() => void cancel()}>
                Yes, cancel this order
              </Button>
              <Button variant="default" onClick={() => setConfirmCancel(false)}>
                Keep it
              </Button>
            </>
          ) : (
            <Button variant="subtle" color="red" onClick={() => setConfirmCancel(true)}>
              Cancel order
            </Button>
          )}
        </Group>
      )}
      <Group justify="space-between" align="center">
        <ReorderButton orderId={orderId} {...(token ? { trackingToken: token } : {})} label={`Order this again: ${order.vendorName}, ${order.number}`} />
        <Anchor component={Link} to="/account" size="sm">
          All your orders
        </Anchor>
      </Group>
    </Stack>
  );
}
