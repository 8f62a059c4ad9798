import { Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceMobile, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';

/**
 * Settings → Card readers: the shop's Stripe Terminal readers and registering a new one with the code it shows
 * on screen. Needs a connection and card payments set up for the shop; otherwise says which is missing.
 */
export function CardReadersPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const state = useQuery(trpc.payments.availability.queryOptions(undefined, { staleTime: 0, retry: false }));
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = state.data;
  const canRegister = canEdit && a !== undefined && (a.available || a.blocked === 'no_reader');

  const register = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const reader = await client.payments.registerReader.mutate({ registrationCode: code, label });
      notifications.show({ color: 'green', title: 'Card reader added', message: `${reader.label} is ready to take cards.` });
      setCode('');
      setLabel('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      void qc.invalidateQueries(trpc.payments.pathFilter());
    }
  };

  return (
    <Stack gap="md" data-testid="card-readers-panel">
      <Box>
        <Title order={3}>Card readers</Title>
        <Text c="ink.7">Stripe card readers take card payments at the till when this counter is online.</Text>
      </Box>
      {state.isPending && <Loader />}
      {a && !a.available && a.blocked !== 'no_reader' && (
        <Alert color="orange" icon={<IconAlertTriangle />} title="Card readers cannot be used right now">
          {a.reason}
        </Alert>
      )}
      {a?.available === false && a.blocked === 'no_reader' && <Text c="ink.7">No card reader is registered for this shop yet.</Text>}
      {a?.readers.map((r) => (
        <Paper key={r.id} withBorder radius="lg" p="md" data-testid="card-reader">
          <Group gap="md" wrap="nowrap">
            <IconDeviceMobile size={32} stroke={1.4} />
            <Box style={{ flex: 1 }}>
              <Group gap="xs">
                <Text fw={700}>{r.label}</Text>
                <Badge color={r.status === 'online' ? 'green' : 'red'} variant="light">
                  {r.status === 'online' ? 'Online' : 'Offline'}
                </Badge>
              </Group>
              <Text c="ink.7" size="sm">
                {r.id}
              </Text>
            </Box>
          </Group>
        </Paper>
      ))}
      {canRegister && (
        <Paper withBorder radius="lg" p="md" component="form" onSubmit={(e: SubmitEvent) => void register(e)}>
          <Stack gap="sm">
            <Text fw={700}>Add a reader</Text>
            <Text size="sm" c="ink.7">
              On the reader, open its settings and choose “Generate pairing code”, then type the code here.
            </Text>
            <Group align="end" grow>
              <TextInput label="Code shown on the reader" placeholder="e.g. apple-grape-orange" value={code} onChange={(e) => setCode(e.currentTarget.value)} size="md" required />
              <TextInput label="Name" placeholder="e.g. Front till" value={label} onChange={(e) => setLabel(e.currentTarget.value)} size="md" required maxLength={60} />
            </Group>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" size="md" leftSection={<IconPlus />} loading={busy} disabled={!code.trim() || !label.trim()}>
                Add reader
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {!canEdit && <Text size="sm" c="ink.7">A manager can add card readers.</Text>}
    </Stack>
  );
}
