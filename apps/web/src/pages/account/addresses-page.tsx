import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { SavedAddress } from '@makeries/shared';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC, useTRPCClient } from '../../app/api';
import { AddressCard } from '../../components/address-card';
import { AddressForm } from '../../components/address-form';
import { AccountNav } from './account-nav';
import { AccountSignedOut } from './account-signed-out';

export function AddressesPage() {
  const trpc = useTRPC();
  const me = useSuspenseQuery(trpc.auth.me.queryOptions()).data;
  if (me.kind !== 'customer') return <AccountSignedOut title="Saved addresses" why="Sign in to save delivery addresses and pick them at checkout." />;
  return <SignedInAddresses />;
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; address: SavedAddress };

function SignedInAddresses() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.addresses.list.queryOptions());
  const addresses = query.data ?? [];
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function refresh() {
    await queryClient.invalidateQueries(trpc.addresses.list.queryFilter());
  }

  async function act(id: string, run: () => Promise<unknown>) {
    setBusyId(id);
    setMessage(null);
    try {
      await run();
      await refresh();
    } catch (e) {
      setMessage(failureOf(e).message || 'That did not work. Check your connection and try again.');
    } finally {
      setBusyId(null);
    }
  }

  function remove(a: SavedAddress) {
    if (!window.confirm(`Delete ${a.label || a.line1}?`)) return;
    void act(a.id, () => client.addresses.remove.mutate({ addressId: a.id }));
  }

  async function saved() {
    setEditing({ kind: 'none' });
    await refresh();
  }

  return (
    <Stack gap="lg" maw={720} mx="auto">
      <AccountNav />
      <Group justify="space-between" align="center">
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          Saved addresses
        </Title>
        {editing.kind === 'none' && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing({ kind: 'new' })}>
            Add address
          </Button>
        )}
      </Group>
      {message && (
        <Alert color="red" variant="light" role="alert">
          {message}
        </Alert>
      )}
      {query.isError && (
        <Alert color="red" variant="light" role="alert">
          We could not load your addresses. Check your connection and reload the page.
        </Alert>
      )}
      {editing.kind !== 'none' && (
        <Card padding="lg">
          <Title order={2} size="h4" mb="sm">
            {editing.kind === 'new' ? 'New address' : 'Edit address'}
          </Title>
          <AddressForm existing={editing.kind === 'edit' ? editing.address : null} onSaved={() => void saved()} onCancel={() => setEditing({ kind: 'none' })} />
        </Card>
      )}
      {query.isSuccess && addresses.length === 0 && editing.kind === 'none' && (
        <Card padding="lg">
          <Text>No saved addresses yet. Add one here, or tick “Save this address” when you order a delivery.</Text>
        </Card>
      )}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {addresses.map((a) => (
          <AddressCard
            key={a.id}
            address={a}
            busy={busyId === a.id}
            onEdit={() => setEditing({ kind: 'edit', address: a })}
            onMakeDefault={() => void act(a.id, () => client.addresses.makeDefault.mutate({ addressId: a.id }))}
            onRemove={() => remove(a)}
          />
        ))}
      </Stack>
    </Stack>
  );
}
