import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBrandStripe, IconCloudOff, IconExternalLink, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';

const WORDS = {
  offline: { badge: 'Offline', color: 'gray', text: 'This counter is offline. Card payment status needs the connection to the marketplace.' },
  unpaired: { badge: 'Not paired', color: 'gray', text: 'This counter is not paired with the marketplace yet. Pair it in Settings first.' },
  not_configured: { badge: 'Not available', color: 'gray', text: 'Card payments are not configured on this marketplace. Customers pay at pickup and the counter takes cash or the card machine.' },
  not_set_up: { badge: 'Not set up', color: 'orange', text: 'This shop does not take card payments through Stripe yet. Customers can still pay at pickup.' },
  pending: { badge: 'Waiting for Stripe', color: 'yellow', text: 'Stripe still needs some details before card payments or payouts can start.' },
  enabled: { badge: 'Ready', color: 'green', text: 'Card payments and payouts are on. Money from card sales goes to this shop’s Stripe account.' },
} as const;

/** Card payments status: offline, not configured, not set up (owner: "Set up card payments with Stripe"), ready. */
export function CardSetupCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.payouts.connectStatus.queryOptions());
  const refresh = useMutation(trpc.payouts.connectRefresh.mutationOptions({ onSuccess: (s) => qc.setQueryData(trpc.payouts.connectStatus.queryKey(), s) }));
  const link = useMutation(trpc.payouts.connectLink.mutationOptions({
    // Electron routes window.open to the system browser (main/security.ts); in browser mode it is a new tab
    onSuccess: ({ url }) => void window.open(url, '_blank', 'noopener'),
  }));
  const s = status.data;
  const words = s ? WORDS[s.setup] : null;
  const canStart = s && s.canSetUp && (s.setup === 'not_set_up' || s.setup === 'pending');

  return (
    <Paper withBorder radius="lg" p="md" data-testid="card-setup">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {s?.setup === 'offline' ? <IconCloudOff size={28} /> : <IconBrandStripe size={28} color="var(--mantine-color-indigo-6)" />}
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={4}>Card payments</Title>
              {words && (
                <Badge color={words.color} variant="light" size="lg">
                  {words.badge}
                </Badge>
              )}
            </Group>
            <Text c="ink.7">{status.isError ? errorMessage(status.error) : (words?.text ?? 'Checking…')}</Text>
            {s && s.setup === 'pending' && (
              <Text size="sm" c="ink.7">
                Card payments {s.chargesEnabled ? 'on' : 'not on yet'} · payouts {s.payoutsEnabled ? 'on' : 'not on yet'}
              </Text>
            )}
            {s && !s.canSetUp && (s.setup === 'not_set_up' || s.setup === 'pending') && (
              <Text size="sm" c="ink.7">
                Only the shop owner can set this up. Ask the owner to sign in here.
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="sm" wrap="nowrap">
          {s && (s.setup === 'pending' || s.setup === 'not_set_up') && (
            <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
              Check again
            </Button>
          )}
          {canStart && (
            <Button size="md" leftSection={<IconExternalLink size={18} />} loading={link.isPending} onClick={() => link.mutate()} data-testid="setup-stripe">
              Set up card payments with Stripe
            </Button>
          )}
        </Group>
      </Group>
      {(link.isError || refresh.isError) && (
        <Alert color="red" mt="sm" role="alert">
          {errorMessage(link.error ?? refresh.error)}
        </Alert>
      )}
    </Paper>
  );
}
