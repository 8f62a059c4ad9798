import { ActionIcon, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconLink, IconLock, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc';
import type { SignedIn, SyncStatus } from '../api/types';
import { timeAgo } from '../format/time';
import { useNow } from '../hooks/use-now';
import { RejectionsModal } from './rejections-modal';
import { roleLabel } from './role-label';
import { StaffAvatar } from './staff-avatar';
import { syncSentence } from './sync-sentence';

const SKEW_WARN_MS = 5 * 60_000;

function lastSync(s: SyncStatus): string | null {
  const times = [s.lastPushAt, s.lastPullAt].filter((t): t is string => t !== null).sort();
  return times.at(-1) ?? null;
}

function Connection({ s }: { s: SyncStatus }) {
  if (s.bootstrapping) return <Pill color="blue" label="Downloading catalog…" icon={<IconRefresh size={18} />} />;
  switch (s.connection) {
    case 'offline':
      return <Pill color="red" label="Offline" icon={<IconCloudOff size={18} />} />;
    case 'unpaired':
      return <Pill color="gray" label="Not paired" icon={<IconLink size={18} />} />;
    case 'connecting':
      return <Pill color="gray" label="Connecting…" icon={<IconRefresh size={18} />} />;
    case 'online':
      return s.sending > 0 ? (
        <Pill color="blue" label="Sending…" icon={<IconRefresh size={18} />} />
      ) : (
        <Pill color="green" label="Online" icon={<IconCloudCheck size={18} />} />
      );
  }
}

function Pill({ color, label, icon }: { color: string; label: string; icon: React.ReactNode }) {
  return (
    <Group
      gap={6}
      px={10}
      h={30}
      data-testid="sync-connection"
      style={{ borderRadius: 999, background: `var(--mantine-color-${color}-1)`, color: `var(--mantine-color-${color}-9)` }}
    >
      {icon}
      <Text fw={700} size="sm">
        {label}
      </Text>
    </Group>
  );
}

/** Always on screen: is the marketplace reachable, what is still waiting, what needs a manager, who is serving. */
export function StatusBar({ staff }: { staff: SignedIn | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const now = useNow(15_000);
  const status = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const [showRejections, setShowRejections] = useState(false);
  const syncNow = useMutation(trpc.sync.syncNow.mutationOptions({ onSuccess: (s) => qc.setQueryData(trpc.sync.status.queryKey(), s) }));
  const lock = useMutation(trpc.staff.logout.mutationOptions({
    onSuccess: () => qc.setQueryData(trpc.staff.me.queryKey(), null),
  }));
  const s = status.data;
  const synced = s ? lastSync(s) : null;

  return (
    <Box
      component="footer"
      px="md"
      h={52}
      style={{ display: 'flex', alignItems: 'center', gap: 16, background: 'white', borderTop: '1px solid var(--mantine-color-ink-2)' }}
    >
      {s ? (
        <Group gap="md" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <Connection s={s} />
          <Text
            size="sm"
            fw={600}
            data-testid="sync-pending"
            className="tabular"
            truncate
            style={{ minWidth: 0, flexShrink: 0.5 }}
            title={[syncSentence(s), s.connection === 'offline' ? s.lastError : null].filter(Boolean).join('\n')}
          >
            {syncSentence(s)}
          </Text>
          <Text size="sm" c="ink.7" className="tabular">
            Last sync {timeAgo(synced, now)}
          </Text>
          {s.rejected > 0 && (
            <Button size="compact-md" color="orange" variant="light" leftSection={<IconAlertTriangle size={18} />} onClick={() => setShowRejections(true)} h={36}>
              {s.rejected} need{s.rejected === 1 ? 's' : ''} attention
            </Button>
          )}
          {s.clockSkewMs !== null && Math.abs(s.clockSkewMs) > SKEW_WARN_MS && (
            <Text size="sm" c="orange.9" fw={600}>
              This computer’s clock is {Math.round(Math.abs(s.clockSkewMs) / 60_000)} min off
            </Text>
          )}
          {s.connection !== 'offline' && s.lastError && (
            <Text size="sm" c="ink.7" truncate style={{ minWidth: 0 }} title={s.lastError}>
              {s.lastError}
            </Text>
          )}
        </Group>
      ) : (
        <Box style={{ flex: 1 }} />
      )}
      {staff && (
        <Group gap="sm" wrap="nowrap">
          <Tooltip label="Sync now">
            <ActionIcon variant="subtle" color="ink" onClick={() => syncNow.mutate()} loading={syncNow.isPending} aria-label="Sync now">
              <IconRefresh size={22} />
            </ActionIcon>
          </Tooltip>
          <StaffAvatar name={staff.name} size="md" />
          <Box>
            <Text size="sm" fw={700} lh={1.1} data-testid="signed-in-staff">
              {staff.name}
            </Text>
            <Text size="xs" c="ink.7" lh={1.1}>
              {roleLabel(staff.role)}
            </Text>
          </Box>
          <Button variant="default" size="md" leftSection={<IconLock size={20} />} onClick={() => lock.mutate()} loading={lock.isPending}>
            Lock
          </Button>
        </Group>
      )}
      {staff && <RejectionsModal opened={showRejections} onClose={() => setShowRejections(false)} staff={staff} />}
    </Box>
  );
}
