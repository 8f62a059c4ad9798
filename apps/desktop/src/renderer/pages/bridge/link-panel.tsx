import { Alert, Button, Divider, Group, Paper, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconPlayerPause, IconRefresh, IconUnlink } from '@tabler/icons-react';
import type { BridgeView } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { timeAgo } from '../../format/time';
import { plural, webOrdersWords } from './bridge-words';
import { DisconnectModal } from './disconnect-modal';
import { OwnerNote } from './owner-note';
import { useApplyView } from './use-bridge';

/**
 * A connected link (in step, paused, stopped): where it points, when it last synced, what waits to reach the point of
 * sale, the web-orders option (refused with the reason when the connection may not create orders), and Sync now /
 * Pause / Disconnect.
 */
export function LinkPanel({ view, pos }: { view: BridgeView; pos: string }) {
  return (
    <Paper withBorder radius="lg" p="md" data-testid="bridge-link">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
          <Fact label={`${pos} location`} value={view.location?.name ?? 'None chosen'} testId="bridge-location" />
          <Fact label="Last sync" value={timeAgo(view.lastSyncAt)} testId="bridge-last-sync" />
          <Fact label={`Waiting to reach ${pos}`} value={view.pendingPushes === 0 ? 'Nothing' : plural(view.pendingPushes, 'change')} testId="bridge-pending" />
          <Fact label={`From ${pos}`} value={plural(view.bridged.products, 'product')} more={plural(view.bridged.variants, 'variant')} testId="bridge-bridged" />
        </SimpleGrid>
        {view.state !== 'revoked' && (
          <>
            <Divider />
            <WebOrdersOption view={view} pos={pos} />
            <Divider />
            <LinkActions view={view} pos={pos} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, value, more, testId }: { label: string; value: string; more?: string; testId: string }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="ink.7" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={600} data-testid={testId} className="tabular">
        {value}
      </Text>
      {more && (
        <Text size="sm" c="ink.7" className="tabular">
          {more}
        </Text>
      )}
    </Stack>
  );
}

function WebOrdersOption({ view, pos }: { view: BridgeView; pos: string }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const options = useMutation(trpc.bridges.setOptions.mutationOptions({ onSuccess: applyView }));
  const on = options.isPending && options.variables ? options.variables.webOrdersInPos : view.options.webOrdersInPos;
  const words = webOrdersWords(view.provider, pos, on, view.capabilities);
  return (
    <Stack gap={6}>
      <Switch
        size="lg"
        checked={on}
        disabled={!view.canManage || options.isPending || words.refused !== null}
        onChange={(e) => options.mutate({ webOrdersInPos: e.currentTarget.checked })}
        label={<Text span fw={700}>{words.label}</Text>}
        data-testid="bridge-web-orders"
      />
      <Text size="sm" c="ink.7" maw={720} data-testid="bridge-web-orders-text">
        {words.text}
        {words.refused && ` ${words.refused}`}
      </Text>
      {!view.canManage && !words.refused && <OwnerNote what="change this option" />}
      {options.isError && (
        <Alert color="red" role="alert">
          {errorMessage(options.error)}
        </Alert>
      )}
    </Stack>
  );
}

function LinkActions({ view, pos }: { view: BridgeView; pos: string }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const [confirming, setConfirming] = useState(false);
  const syncNow = useMutation(trpc.bridges.syncNow.mutationOptions({ onSuccess: applyView }));
  const pause = useMutation(trpc.bridges.pause.mutationOptions({ onSuccess: applyView }));
  const error = syncNow.error ?? pause.error;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {view.state === 'in_step' && (
          <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={syncNow.isPending} onClick={() => syncNow.mutate()} data-testid="bridge-sync-now">
            Sync now
          </Button>
        )}
        {view.canManage && view.state === 'in_step' && (
          <Button size="md" variant="default" leftSection={<IconPlayerPause size={18} />} loading={pause.isPending} onClick={() => pause.mutate()} data-testid="bridge-pause">
            Pause
          </Button>
        )}
        {view.canManage && (
          <Button size="md" variant="light" color="red" c="red.9" leftSection={<IconUnlink size={18} />} onClick={() => setConfirming(true)} data-testid="bridge-disconnect">
            Disconnect
          </Button>
        )}
      </Group>
      {!view.canManage && <OwnerNote what="pause or disconnect the link" />}
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <DisconnectModal pos={pos} opened={confirming} onClose={() => setConfirming(false)} />
    </Stack>
  );
}
