import { Badge, Box, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { StoreSettings } from './store-types';

const SUGGESTIONS = ['Back in 30 minutes', 'Closed for a private event', 'Sold out for today'];

/** Pause web orders with a reason customers read on the storefront, or reopen. Works offline (sent with the next sync). */
export function StorePauseCard({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pause = useMutation(trpc.store.setPaused.mutationOptions({
    onSuccess: (s) => {
      qc.setQueryData(trpc.store.settings.queryKey(), s);
      setAsking(false);
      setReason('');
      notifications.show({ color: 'brand', title: s.paused ? 'Shop paused online' : 'Shop open online again', message: 'Customers see it after the next sync.' });
    },
    onError: (e) => setError(errorMessage(e)),
  }));
  const paused = settings.paused;
  return (
    <Paper withBorder radius="lg" p="lg" style={paused ? { borderColor: 'var(--mantine-color-orange-4)', background: 'var(--mantine-color-orange-0)' } : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="md" align="flex-start" wrap="nowrap">
          {paused ? <IconPlayerPause size={36} color="var(--mantine-color-orange-8)" /> : <IconPlayerPlay size={36} color="var(--mantine-color-brand-7)" />}
          <Box>
            <Group gap="xs">
              <Text fw={700} size="lg">
                Web orders
              </Text>
              <Badge color={paused ? 'orange' : 'brand'} variant="light" size="lg" data-testid="store-paused-badge">
                {paused ? 'Paused' : 'Taking orders'}
              </Badge>
            </Group>
            <Text c="ink.8">
              {paused ? `Customers see: “${settings.pausedReason ?? 'Paused'}”. The counter keeps selling as normal.` : 'Pausing stops new web orders (for a rush, a break or a sell-out). The counter keeps selling.'}
            </Text>
          </Box>
        </Group>
        {canEdit &&
          (paused ? (
            <Button size="md" leftSection={<IconPlayerPlay size={18} />} loading={pause.isPending} onClick={() => pause.mutate({ paused: false })} style={{ flexShrink: 0 }}>
              Reopen
            </Button>
          ) : (
            !asking && (
              <Button size="md" color="orange" variant="light" leftSection={<IconPlayerPause size={18} />} onClick={() => setAsking(true)} style={{ flexShrink: 0 }}>
                Pause…
              </Button>
            )
          ))}
      </Group>
      {asking && !paused && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            pause.mutate({ paused: true, reason });
          }}
        >
          <Stack gap="xs" mt="md">
            <TextInput label="Reason customers will see" placeholder="e.g. Back at 2pm" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} error={error} data-autofocus autoFocus />
            <Group gap="xs">
              {SUGGESTIONS.map((s) => (
                <Button key={s} variant="default" size="compact-md" onClick={() => setReason(s)}>
                  {s}
                </Button>
              ))}
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)}>
                Cancel
              </Button>
              <Button type="submit" color="orange" loading={pause.isPending}>
                Pause web orders
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
