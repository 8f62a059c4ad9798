import { Alert, Badge, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { pushBlockedReason, usePushDevice } from '../../lib/use-push-device';
import { NotificationHistory } from './notification-history';
import { NotificationPrefs } from './notification-prefs';

/** This device's push for the account: on/off, with why it cannot be turned on when the browser says no. */
function DevicePush() {
  const push = usePushDevice();
  const blocked = pushBlockedReason(push.support);
  const on = push.state.account;
  return (
    <Card padding="md" withBorder>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Switch
            size="md"
            label="Push notifications on this device"
            checked={on}
            disabled={push.busy || push.support === null || (blocked !== null && !on)}
            onChange={(e) => void (e.currentTarget.checked ? push.turnOn() : push.turnOff())}
          />
          <Badge variant="light" color={on ? 'brand' : 'gray'} data-testid="account-push-state" style={{ flexShrink: 0 }}>
            {on ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {on ? 'This phone or computer shows what you choose below, even when Makeries is closed.' : 'Turn on to see what you choose below on this phone or computer, even when Makeries is closed.'}
        </Text>
        {blocked && (
          <Alert color="yellow" variant="light" p="xs">
            {blocked}
          </Alert>
        )}
        {push.error && (
          <Alert color="red" variant="light" p="xs">
            {push.error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The account page's "Notifications" section (`#notifications`, where the emails' footer links): this device's
 * push, the choices per kind of message and channel, and what we sent recently. `children` is the slot for
 * other ways of reaching the customer (the text-message card: phone number and opt-in), shown after the device.
 */
export function NotificationsSection({ children }: { children?: ReactNode }) {
  return (
    <section id="notifications" aria-labelledby="notifications-title" style={{ scrollMarginTop: 80 }}>
      <Title id="notifications-title" order={2} size="h3" mb="sm">
        Notifications
      </Title>
      <Stack gap="md">
        <DevicePush />
        {/* slot: more ways to reach you (the text-message card of the SMS part goes here, as children) */}
        {children}
        <div>
          <Title order={3} size="h5" mb={4}>
            What we tell you, and how
          </Title>
          <NotificationPrefs />
        </div>
        <div>
          <Title order={3} size="h5" mb={6}>
            Recently sent
          </Title>
          <NotificationHistory />
        </div>
      </Stack>
    </section>
  );
}
