import { Group, Text } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../api/hooks';
import type { SyncStatus } from '../../api/types';

/**
 * Offline is said only when it is known: a request to the marketplace failed (online false with a reason). A
 * counter that has not finished its first round since starting is not offline, just not confirmed yet.
 */
export function isKnownOffline(s: SyncStatus | undefined): boolean {
  return s !== undefined && s.paired && !s.online && s.lastError !== null;
}

/** The brand panel's line about where sales go, true to the connection right now. */
export function salesNote(s: SyncStatus | undefined): string {
  if (isKnownOffline(s)) return 'Offline: sales are kept safe on this counter and sent when the marketplace answers again.';
  return 'Sales are kept safe on this counter and sent to the marketplace as you go.';
}

/** On the lock screen: a calm line when the marketplace cannot be reached; nothing when it can. */
export function LockConnection() {
  const status = useQuery({ ...apiQuery('sync.status'), staleTime: Infinity });
  if (!isKnownOffline(status.data)) return null;
  return (
    <Group gap="xs" wrap="nowrap" data-testid="lock-offline" c="orange.9">
      <IconCloudOff size={20} />
      <Text fw={600}>Offline — you can sign in and sell; sales are sent when the marketplace answers.</Text>
    </Group>
  );
}
