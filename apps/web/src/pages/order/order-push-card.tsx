import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconBell, IconBellOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { pushBlockedReason, usePushDevice } from '../../lib/use-push-device';

/**
 * "Tell me on this device" on the tracking page: web push for this order on this phone or computer (a guest
 * proves the order with the tracking token in the link). Permission is asked only when the button is tapped.
 */
export function OrderPushCard({ orderId, trackingToken, vendorName }: { orderId: string; trackingToken: string | null; vendorName: string }) {
  const push = usePushDevice({ orderId, trackingToken });
  const blocked = pushBlockedReason(push.support);
  const on = push.state.order;
  // a signed-in customer's device gets every order of the account: turned off in the account, not per order
  const viaAccount = on && push.state.account;

  return (
    <Card padding="lg" aria-labelledby="order-push-title" component="section">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Group gap={8} wrap="nowrap">
            {on ? <IconBell size={20} aria-hidden /> : <IconBellOff size={20} aria-hidden />}
            <Text id="order-push-title" fw={700}>
              Notifications on this device
            </Text>
          </Group>
          <Badge variant="light" color={on ? 'brand' : 'gray'} data-testid="order-push-state" style={{ flexShrink: 0 }}>
            {on ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {on ? `We will tell you here as ${vendorName} moves your order along: accepted, ready, or if anything changes.` : `Get a notification here as ${vendorName} moves your order along: accepted, ready, or if anything changes.`}
        </Text>
        {blocked ? (
          <Alert color="yellow" variant="light" title={push.support === 'denied' ? 'Notifications are blocked' : 'Not available in this browser'}>
            {blocked}
          </Alert>
        ) : viaAccount ? (
          <Text size="sm">
            This device gets your account’s notifications.{' '}
            <Anchor component={Link} to="/account#notifications">
              Choose what you get
            </Anchor>
          </Text>
        ) : on ? (
          <Group>
            <Button variant="default" loading={push.busy} onClick={() => void push.turnOff()}>
              Turn off on this device
            </Button>
          </Group>
        ) : (
          <Group>
            <Button leftSection={<IconBell size={18} aria-hidden />} loading={push.busy} disabled={push.support === null} onClick={() => void push.turnOn()}>
              Tell me on this device
            </Button>
          </Group>
        )}
        {push.support === 'default' && !on && push.error === null && !push.busy && (
          <Text size="xs" c="dimmed">
            Your browser will ask whether to allow notifications.
          </Text>
        )}
        {push.error && (
          <Alert color="red" variant="light">
            {push.error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
