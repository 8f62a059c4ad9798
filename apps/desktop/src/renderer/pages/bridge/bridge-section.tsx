import { Alert, Box, Button, Center, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import type { BridgeView } from '@makeries/shared';
import { hasLink, posName, sectionLead } from './bridge-words';
import { ConnectionCard } from './connection-card';
import { FailedJobs } from './failed-jobs';
import { ImportPreview } from './import-preview';
import { LinkPanel } from './link-panel';
import { LocationPicker } from './location-picker';
import { ProviderCards } from './provider-cards';
import { SyncLog } from './sync-log';
import { useBridgeStatus } from './use-bridge';

/**
 * Back office → Point of sale (managers and owners): the shop's link with Square, Shopify or Toast — the offered
 * points of sale side by side to connect, then choose the location, preview and apply the first import, and stay in
 * step with a sync log and failed work to retry. It all lives on the marketplace, so it needs the connection; only
 * the owner connects, imports, changes options and disconnects.
 */
export function BridgeSection() {
  const { status, view, failure, offline } = useBridgeStatus();

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" py="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Title order={2}>Point of sale</Title>
        <Text c="ink.7" size="sm">
          {view ? sectionLead(view) : 'Your point of sale’s products, prices and stock in this shop; sales here and on the web shop back in it.'}
        </Text>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Stack p="lg" gap="md" maw={1100}>
          {status.isPending && (
            <Center py={60}>
              <Loader />
            </Center>
          )}
          {failure &&
            (offline ? (
              <Alert color="gray" icon={<IconCloudOff />} title="Needs the connection" data-testid="bridge-offline">
                <Stack gap="xs" align="flex-start">
                  <Text>The link with your point of sale is kept on the marketplace. It shows again as soon as this counter is back online.</Text>
                  <Button size="md" variant="default" onClick={() => void status.refetch()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            ) : (
              <Alert color={failure.details.unpaired === true ? 'gray' : 'red'} title="Could not load the point-of-sale link" role="alert" data-testid="bridge-failure">
                <Stack gap="xs" align="flex-start">
                  <Text>{failure.message}</Text>
                  <Button size="md" variant="default" onClick={() => void status.refetch()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            ))}
          {view && !failure && <BridgeBody view={view} onCheck={() => void status.refetch()} checking={status.isFetching} />}
        </Stack>
      </ScrollArea>
    </Box>
  );
}

function BridgeBody({ view, onCheck, checking }: { view: BridgeView; onCheck: () => void; checking: boolean }) {
  const connected = view.state === 'in_step' || view.state === 'paused' || view.state === 'error' || view.state === 'revoked';
  const offering = view.state === 'not_configured' || view.state === 'not_connected' || view.state === 'revoked';
  const pos = posName(view);
  return (
    <>
      <ConnectionCard view={view} />
      {offering && <ProviderCards view={view} onCheck={onCheck} checking={checking} />}
      {view.state === 'choose_location' && <LocationPicker view={view} pos={pos} />}
      {view.state === 'preview' && <ImportPreview view={view} pos={pos} />}
      {connected && view.location && <LinkPanel view={view} pos={pos} />}
      {(connected || (view.failedJobs > 0 && hasLink(view.state))) && <FailedJobs />}
      {hasLink(view.state) && <SyncLog pos={pos} />}
    </>
  );
}
