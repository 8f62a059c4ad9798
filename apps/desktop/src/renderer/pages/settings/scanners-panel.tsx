import { Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode, IconKeyboard, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { timeAgo } from '../../format/time';
import { ScannerFormModal } from './scanner-form-modal';

const LINK: Record<string, { label: string; color: string }> = {
  connected: { label: 'Connected', color: 'green' },
  connecting: { label: 'Connecting…', color: 'blue' },
  disconnected: { label: 'Not connected', color: 'red' },
  stopped: { label: 'Off', color: 'gray' },
};

/** Settings → Scanners: USB keyboard scanners just work; serial ones are set up here and show their link. */
export function ScannersPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const list = useQuery(trpc.scanners.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [lastScan, setLastScan] = useState<{ code: string; at: string } | null>(null);
  useSubscription(trpc.scanners.onStatus.subscriptionOptions(undefined, { onData: () => void qc.invalidateQueries(trpc.scanners.list.pathFilter()) }));
  useSubscription(trpc.scanners.onScan.subscriptionOptions(undefined, { onData: (s) => setLastScan({ code: s.outcome.code, at: s.at }) }));

  const run = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (e) {
      notifications.show({ color: 'red', title: `${what}: not done`, message: errorMessage(e) });
    } finally {
      void qc.invalidateQueries(trpc.scanners.pathFilter());
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Box>
          <Title order={3}>Scanners</Title>
          <Text c="ink.7">Scanners that type like a keyboard (most USB ones) need no setup. Serial scanners are added here.</Text>
        </Box>
        {canEdit && (
          <Button leftSection={<IconPlus />} onClick={() => setAdding(true)}>
            Add serial scanner
          </Button>
        )}
      </Group>
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" wrap="nowrap">
          <IconKeyboard size={32} stroke={1.4} />
          <Box>
            <Text fw={700}>Keyboard scanners</Text>
            <Text c="ink.7" size="sm">
              Always on. Scan a product on the register to check one works.
            </Text>
          </Box>
        </Group>
      </Paper>
      {list.isPending && <Loader />}
      {list.isError && <Alert color="red" title="Could not load scanners">{errorMessage(list.error)}</Alert>}
      {list.data?.map((s) => {
        const link = LINK[s.link?.state ?? (s.enabled ? 'connecting' : 'stopped')] ?? LINK.stopped;
        return (
          <Paper key={s.id} withBorder radius="lg" p="md" data-testid="scanner-card">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="md" wrap="nowrap">
                <IconBarcode size={32} stroke={1.4} />
                <Box>
                  <Group gap="xs">
                    <Text fw={700}>{s.name}</Text>
                    <Badge color={link?.color} variant="light">
                      {link?.label}
                    </Badge>
                  </Group>
                  <Text c="ink.7" size="sm">
                    {s.path} · {s.baudRate} baud
                    {s.link?.lastError ? ` · ${s.link.lastError}` : ''}
                  </Text>
                </Box>
              </Group>
              {canEdit && (
                <Group gap="xs" wrap="nowrap">
                  <Switch size="lg" label="In use" checked={s.enabled} onChange={(e) => void run('Change scanner', () => client.scanners.update.mutate({ id: s.id, enabled: e.currentTarget.checked }))} />
                  <Button size="md" variant="subtle" color="red" aria-label={`Remove ${s.name}`} onClick={() => void run('Remove scanner', () => client.scanners.remove.mutate({ id: s.id }))}>
                    <IconTrash size={18} />
                  </Button>
                </Group>
              )}
            </Group>
          </Paper>
        );
      })}
      {lastScan && (
        <Text c="ink.7" size="sm">
          Last serial scan: <b className="selectable">{lastScan.code}</b> ({timeAgo(lastScan.at)})
        </Text>
      )}
      {adding && <ScannerFormModal onClose={() => setAdding(false)} />}
    </Stack>
  );
}
