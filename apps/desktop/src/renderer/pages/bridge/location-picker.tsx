import { Alert, Button, Center, Group, Loader, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import type { BridgeView } from '@makeries/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { isBusy } from './bridge-words';
import { OwnerNote } from './owner-note';
import { useApplyView } from './use-bridge';

/**
 * The owner picks the POS location that is this shop (one location, one shop); locations in another currency
 * are shown but cannot be picked, with the reason. Picking it starts reading that location's catalog.
 */
export function LocationPicker({ view, pos }: { view: BridgeView; pos: string }) {
  if (!view.canManage) {
    return (
      <Paper withBorder radius="lg" p="md" data-testid="bridge-locations">
        <Title order={4} mb="xs">
          {pos} location
        </Title>
        <OwnerNote what={`choose the ${pos} location`} />
      </Paper>
    );
  }
  return <OwnerLocationPicker pos={pos} />;
}

function OwnerLocationPicker({ pos }: { pos: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const applyView = useApplyView();
  const locations = useQuery(trpc.bridges.locations.queryOptions(undefined, { retry: false }));
  const [picked, setPicked] = useState<string | null>(null);
  const choose = useMutation({
    mutationFn: async (locationId: string) => {
      const chosen = await client.bridges.chooseLocation.mutate({ locationId });
      applyView(chosen);
      // the catalog is read right after the location is known, unless the marketplace already started it
      return isBusy(chosen.state) || chosen.state === 'preview' ? chosen : client.bridges.startImport.mutate();
    },
    onSuccess: applyView,
  });
  const list = locations.data ?? [];
  const usable = list.filter((l) => l.usable);
  const value = picked ?? (usable.length === 1 ? (usable[0]?.id ?? null) : null);

  return (
    <Paper withBorder radius="lg" p="md" data-testid="bridge-locations">
      <Stack gap="sm">
        <Group gap="xs">
          <IconMapPin size={22} aria-hidden />
          <Title order={4}>Which {pos} location is this shop?</Title>
        </Group>
        {locations.isPending && (
          <Center py="md">
            <Loader size="sm" />
          </Center>
        )}
        {locations.isError && (
          <Alert color="red" role="alert">
            <Group justify="space-between">
              <Text>{errorMessage(locations.error)}</Text>
              <Button size="md" variant="light" color="red" onClick={() => void locations.refetch()}>
                Try again
              </Button>
            </Group>
          </Alert>
        )}
        {locations.isSuccess && list.length === 0 && <Text c="ink.7">
            This {pos} account has no locations yet. Add one in {pos}, then come back.
          </Text>}
        {list.length > 0 && (
          <Radio.Group value={value} onChange={setPicked} name="pos-location">
            <Stack gap="xs">
              {list.map((l) => (
                <Radio.Card key={l.id} value={l.id} disabled={!l.usable} radius="md" p="md" data-testid={`location-${l.id}`}>
                  <Group wrap="nowrap" align="flex-start">
                    <Radio.Indicator disabled={!l.usable} />
                    <Stack gap={2}>
                      <Text fw={700} c={l.usable ? 'ink.9' : 'ink.7'}>
                        {l.name}{' '}
                        <Text span c="ink.7" fw={400}>
                          · {l.currency}
                        </Text>
                      </Text>
                      {l.why && (
                        <Text size="sm" c={l.usable ? 'ink.7' : 'red.8'}>
                          {l.why}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button size="md" disabled={!value} loading={choose.isPending} onClick={() => value && choose.mutate(value)} data-testid="bridge-use-location">
            Use this location and read its catalog
          </Button>
        </Group>
        {choose.isError && (
          <Alert color="red" role="alert">
            {errorMessage(choose.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
