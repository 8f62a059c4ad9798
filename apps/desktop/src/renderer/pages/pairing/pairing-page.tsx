import { Alert, Box, Button, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconLink } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { DeviceStatus } from '../../api/types';
import { BrandPanel } from '../../components/brand-panel';

/** First start: the counter is not linked to a shop yet. A manager reads a one-time code off the back office. */
export function PairingPage({ status }: { status: DeviceStatus }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const pair = useMutation(trpc.device.pair.mutationOptions({
    onSuccess: () => qc.invalidateQueries(trpc.device.pathFilter()),
  }));
  const busy = pair.isPending || status.sync.bootstrapping;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (code.trim() && !busy) pair.mutate({ code });
  };

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(360px, 5fr) 7fr', height: '100vh' }}>
      <BrandPanel title="Set up this counter" subtitle="Link it to your shop once; after that it works with or without the internet." />
      <Stack justify="center" px={64} maw={640}>
        <Title order={2}>Pair with your shop</Title>
        <List size="lg" spacing="xs" type="ordered" c="ink.8">
          <List.Item>In the back office, open Devices and choose “Add a counter”.</List.Item>
          <List.Item>Type the code it shows below. Codes work once and expire after a few minutes.</List.Item>
        </List>
        <form onSubmit={submit}>
          <Stack gap="md" mt="md">
            <TextInput
              label="Pairing code"
              placeholder="K7QM-4TXP"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              size="xl"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 4, fontSize: 28 } }}
              disabled={busy}
            />
            {pair.isError && (
              <Alert color="red" icon={<IconAlertCircle />} title="Not paired" role="alert">
                {errorMessage(pair.error)}
              </Alert>
            )}
            <Button type="submit" size="xl" leftSection={<IconLink />} loading={busy} disabled={!code.trim()}>
              Pair counter
            </Button>
            {busy && (
              <Text c="ink.7" size="md">
                Downloading the catalog and staff list… this takes a moment on a big catalog.
              </Text>
            )}
          </Stack>
        </form>
      </Stack>
    </Box>
  );
}
