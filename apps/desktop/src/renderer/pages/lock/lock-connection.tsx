import { Group, Text } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc';
import type { SyncStatus } from '../../api/types';

/**
 * Offline is said only when the core says so (`connection`, the one field the status bar reads too): a request
 * to the marketplace got no answer. A counter still making its first round since starting is 'connecting'.
 */
function isKnownOffline(s: SyncStatus | undefined): boolean {
  return s?.connection === 'offline';
}

/** The brand panel's line about where sales go, true to the connection right now. */
export function salesNote(s: SyncStatus | undefined): string {
  if (isKnownOffline(s)) return 'Offline: sales are kept safe on this counter and sent when the marketplace answers again.';
  return 'Sales are kept safe on this counter and sent to the marketplace as you go.';
}

/** On the lock screen: a calm line when the marketplace cannot be reached; nothing when it can. */
export function LockConnection() {
  const trpc = useTRPC();
  const status = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  if (!isKnownOffline(status.data)) return null;
  return (
    <Group gap="xs" wrap="nowrap" data-testid="lock-offline" c="orange.9">
      <IconCloudOff size={20} />
      <Text fw={600}>Offline — you can sign in and sell; sales are sent when the marketplace answers.</Text>
    </Group>
  );
}
