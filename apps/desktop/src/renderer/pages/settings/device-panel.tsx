import { Alert, Box, Button, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudCheck, IconCloudOff, IconDeviceDesktop, IconLinkOff, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { dateTimeText, timeAgo } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { LogsCard } from './logs-card';

const AUTO_LOCK = [
  { value: '0', label: 'Never' },
  { value: '60', label: 'After 1 minute' },
  { value: '120', label: 'After 2 minutes' },
  { value: '300', label: 'After 5 minutes' },
  { value: '600', label: 'After 10 minutes' },
  { value: '900', label: 'After 15 minutes' },
  { value: '1800', label: 'After 30 minutes' },
  { value: '3600', label: 'After 1 hour' },
];

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box>
      <Text size="sm" c="ink.7" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600} data-testid={testId} className="selectable">
        {value}
      </Text>
    </Box>
  );
}

/** Settings → This counter: which register it is, auto-lock, how sync is doing, and unpairing. */
export function DevicePanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const now = useNow(15_000);
  const device = useQuery(trpc.device.status.queryOptions());
  const sync = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const settings = useQuery(trpc.device.settings.queryOptions());
  const [confirm, setConfirm] = useState(false);
  const [unpairError, setUnpairError] = useState<string | null>(null);
  const syncNow = useMutation(trpc.sync.syncNow.mutationOptions({ onSuccess: (s) => qc.setQueryData(trpc.sync.status.queryKey(), s) }));
  const unpair = useMutation(trpc.device.unpair.mutationOptions({
    onSuccess: () => {
      setConfirm(false);
      void qc.invalidateQueries();
    },
    onError: (e) => setUnpairError(errorMessage(e)),
  }));

  const setAutoLock = async (v: string | null) => {
    try {
      await client.device.updateSettings.mutate({ autoLockSeconds: Number(v ?? 0) });
      await qc.invalidateQueries(trpc.device.settings.pathFilter());
      notifications.show({ color: 'green', title: 'Saved', message: 'Auto-lock changed for this counter.' });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    }
  };

  if (device.isPending) return <Loader />;
  if (device.isError) return <Alert color="red" title="Could not read this counter">{errorMessage(device.error)}</Alert>;
  const d = device.data;
  const s = sync.data ?? d.sync;
  const last = [s.lastPushAt, s.lastPullAt].filter((t): t is string => t !== null).sort().at(-1) ?? null;
  const lock = String(settings.data?.autoLockSeconds ?? 0);

  return (
    <Stack gap="md">
      <Box>
        <Title order={3}>This counter</Title>
        <Text c="ink.7">The register code starts every receipt number from this counter, so it is set when pairing and never changes here.</Text>
      </Box>
      <Paper withBorder radius="lg" p="lg">
        <Group gap="lg" align="flex-start" wrap="nowrap">
          <IconDeviceDesktop size={40} stroke={1.3} />
          <SimpleGrid cols={3} spacing="lg" style={{ flex: 1 }}>
            <Fact label="Register" value={d.registerCode ?? '—'} testId="device-register" />
            <Fact label="Name" value={d.name || 'Not named'} />
            <Fact label="Shop" value={d.shop?.name ?? '—'} />
            <Fact label="Paired" value={d.pairedAt ? dateTimeText(d.pairedAt) : '—'} />
            <Fact label="Device id" value={d.deviceId ? `${d.deviceId.slice(0, 8)}…` : '—'} />
          </SimpleGrid>
        </Group>
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="flex-start">
          <Group gap="md" align="flex-start" wrap="nowrap">
            {s.online ? <IconCloudCheck size={36} color="var(--mantine-color-green-7)" /> : <IconCloudOff size={36} color="var(--mantine-color-red-7)" />}
            <Box>
              <Text fw={700} size="lg" data-testid="device-sync">
                {s.online ? 'Connected to the marketplace' : s.connection === 'offline' ? 'Offline — selling carries on' : 'Connecting to the marketplace…'}
              </Text>
              <Text c="ink.7">
                {s.pending === 0 ? 'Everything is sent.' : `${s.pending} change${s.pending === 1 ? '' : 's'} waiting to send.`} Last sync {timeAgo(last, now)}.
                {s.rejected > 0 ? ` ${s.rejected} refused by the server need a manager.` : ''}
              </Text>
              {s.lastError && (
                <Text c="red.8" size="sm">
                  {s.lastError}
                </Text>
              )}
            </Box>
          </Group>
          <Button variant="light" leftSection={<IconRefresh size={18} />} loading={syncNow.isPending} onClick={() => syncNow.mutate(undefined)}>
            Sync now
          </Button>
        </Group>
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="flex-end">
          <Box maw={520}>
            <Text fw={700} size="lg">
              Auto-lock
            </Text>
            <Text c="ink.7">Ask for a PIN again when nobody has touched the counter for a while.</Text>
          </Box>
          <Select aria-label="Auto-lock" data={AUTO_LOCK.some((a) => a.value === lock) ? AUTO_LOCK : [...AUTO_LOCK, { value: lock, label: Number(lock) % 60 === 0 ? `After ${Number(lock) / 60} minutes` : `After ${lock} seconds` }]} value={lock} onChange={(v) => void setAutoLock(v)} disabled={!canEdit || settings.isPending} allowDeselect={false} size="lg" w={260} />
        </Group>
      </Paper>

      {canEdit && <LogsCard />}

      {canEdit && (
        <Paper withBorder radius="lg" p="lg" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
          <Group justify="space-between" align="center">
            <Box maw={620}>
              <Text fw={700} size="lg">
                Unpair this counter
              </Text>
              <Text c="ink.7">
                {s.pending > 0
                  ? `Not possible yet: ${s.pending} change${s.pending === 1 ? '' : 's'} have not reached the marketplace. Connect and sync first, so no sale is lost.`
                  : 'Disconnects this computer from the shop. Sales stay on it; pairing again needs a new code from the back office.'}
              </Text>
            </Box>
            <Button color="red" variant="light" leftSection={<IconLinkOff size={18} />} onClick={() => { setUnpairError(null); setConfirm(true); }}>
              Unpair…
            </Button>
          </Group>
        </Paper>
      )}

      <Modal opened={confirm} onClose={() => setConfirm(false)} title={<Text fw={700} size="lg">Unpair this counter?</Text>}>
        <Stack>
          <Text>Staff will not be able to sign in until the counter is paired again with a new code.</Text>
          {unpairError && (
            <Alert color="red" title="Not unpaired" role="alert">
              {unpairError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Keep it paired
            </Button>
            <Button color="red" loading={unpair.isPending} onClick={() => unpair.mutate(undefined)}>
              Unpair
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
