import { Alert, Badge, Box, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { StoreCounterCard } from './store-counter-card';
import { StoreHoursCard } from './store-hours-card';
import { StorePauseCard } from './store-pause-card';
import { StoreProfileForm } from './store-profile-form';
import { StoreReceiptForm } from './store-receipt-form';

/**
 * Settings → Store: profile, opening hours, pausing web orders and what receipts print. Managers and owners
 * edit; changes show here at once and reach the marketplace with the next sync (offline too), except the logo,
 * which is converted by the marketplace and so needs the connection.
 */
export function StoreSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.store.settings.queryOptions());
  const sync = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const { refetch } = settings;
  // after each push or pull: "waiting to sync" clears, and changes from elsewhere show up
  useEffect(() => {
    void refetch();
  }, [sync.data?.lastPushAt, sync.data?.lastPullAt, refetch]);
  if (settings.isPending) return <Loader m="xl" />;
  if (settings.isError) return <Alert color="red" title="Could not read the store settings">{errorMessage(settings.error)}</Alert>;
  const s = settings.data;
  // a card starts again from the saved values when its own fields change underneath (a save, another counter)
  const keyOf = (...v: unknown[]) => JSON.stringify(v);
  return (
    <Stack gap="md" data-testid="store-settings">
      <Group justify="space-between" align="flex-end">
        <Box>
          <Title order={3}>Store</Title>
          <Text c="ink.7">How the shop appears on the marketplace and on every receipt.</Text>
        </Box>
        {s.pendingChanges > 0 && (
          <Badge size="lg" variant="light" color="orange" leftSection={<IconCloudUpload size={16} />}>
            {s.pendingChanges} change{s.pendingChanges === 1 ? '' : 's'} waiting to sync
          </Badge>
        )}
      </Group>
      {!canEdit && (
        <Alert color="ink" icon={<IconLock size={20} />}>
          Only a manager or the owner can change these settings.
        </Alert>
      )}
      <StorePauseCard settings={s} canEdit={canEdit} />
      <StoreProfileForm key={keyOf(s.name, s.description, s.phone, s.email, s.addressLine1, s.city, s.postcode)} settings={s} canEdit={canEdit} />
      <StoreHoursCard key={keyOf(s.openingHours)} settings={s} canEdit={canEdit} />
      <StoreReceiptForm key={keyOf(s.receiptHeader, s.receiptFooter, s.taxNumber)} settings={s} canEdit={canEdit} />
      <StoreCounterCard settings={s} canEdit={canEdit} />
    </Stack>
  );
}
