import { Alert, Box, Button, Divider, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconMail, IconSearch, IconUser, IconUserMinus, IconWifiOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { Outputs } from '../../api/types';

type Found = NonNullable<Outputs['loyalty']['lookup']>['customer'];
type Current = Outputs['customers']['current'];

type Search = { state: 'idle' } | { state: 'busy' } | { state: 'found'; customer: Found } | { state: 'none'; query: string } | { state: 'offline'; message: string } | { state: 'error'; message: string };

interface Props {
  current: Current;
  onClose: () => void;
}

/**
 * Who the sale is for: find a marketplace customer by their exact email or phone (needs the connection) and add
 * them to the sale, or, offline or without an account, keep an email just for this receipt.
 */
export function CustomerModal({ current, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const [receiptEmail, setReceiptEmail] = useState(current?.customerId ? '' : (current?.email ?? ''));
  const [emailError, setEmailError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    await Promise.all([qc.invalidateQueries(trpc.cart.current.queryFilter()), qc.invalidateQueries(trpc.customers.pathFilter())]);
  };

  const find = async (e: SubmitEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (q.length < 3) {
      setSearch({ state: 'error', message: 'Type the customer’s full email or phone number.' });
      return;
    }
    setSearch({ state: 'busy' });
    try {
      // through the loyalty card look-up: also takes a scanned card code, and offline finds customers this till knows
      const found = await client.loyalty.lookup.query({ query: q });
      setSearch(found ? { state: 'found', customer: found.customer } : { state: 'none', query: q });
    } catch (err) {
      const info = apiError(err);
      if (q.includes('@')) setReceiptEmail(q);
      setSearch(info.details.reason === 'offline' ? { state: 'offline', message: info.message } : { state: 'error', message: info.message });
    }
  };

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      await refresh();
      onClose();
    } catch (err) {
      setSearch({ state: 'error', message: apiError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const saveReceiptEmail = async (e: SubmitEvent) => {
    e.preventDefault();
    setEmailError(null);
    setBusy(true);
    try {
      await client.customers.setReceiptAddress.mutate({ email: receiptEmail.trim() || null });
      await refresh();
      onClose();
    } catch (err) {
      const info = apiError(err);
      setEmailError(info.issues[0]?.message ?? info.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700} size="xl">Customer</Text>}>
      <Stack gap="md">
        {current?.customerId && (
          <Paper withBorder radius="md" p="md" bg="brand.0">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="sm" wrap="nowrap">
                <IconUser size={28} />
                <Box>
                  <Text fw={700}>{current.name ?? 'Customer'}</Text>
                  <Text size="sm" c="ink.8">
                    {current.email ?? 'On this sale'}
                  </Text>
                </Box>
              </Group>
              <Button variant="default" color="red" leftSection={<IconUserMinus size={18} />} loading={busy} onClick={() => void act(() => client.customers.attach.mutate({ customer: null }))}>
                Remove
              </Button>
            </Group>
          </Paper>
        )}
        <form onSubmit={(e) => void find(e)}>
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Find by email, phone or loyalty QR code"
              placeholder="ada@example.com or 07700 900123"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              style={{ flex: 1 }}
              size="lg"
              maxLength={254}
              data-autofocus
              data-testid="customer-query"
            />
            <Button type="submit" size="lg" leftSection={<IconSearch size={20} />} loading={search.state === 'busy'}>
              Find
            </Button>
          </Group>
        </form>
        {search.state === 'found' && (
          <Paper withBorder radius="md" p="md" data-testid="customer-found">
            <Group justify="space-between" wrap="nowrap">
              <Box>
                <Text fw={700} size="lg">
                  {search.customer.name}
                </Text>
                <Text c="ink.8">{[search.customer.email, search.customer.phone].filter(Boolean).join(' · ')}</Text>
              </Box>
              <Button size="lg" loading={busy} onClick={() => void act(() => client.customers.attach.mutate({ customer: search.customer }))}>
                Add to sale
              </Button>
            </Group>
          </Paper>
        )}
        {search.state === 'none' && (
          <Alert color="ink" title="No customer found">
            Nobody on the marketplace has exactly “{search.query}”. Check it with the customer, or keep their email just for the receipt below.
          </Alert>
        )}
        {search.state === 'offline' && (
          <Alert color="orange" icon={<IconWifiOff size={20} />} title="Offline">
            {search.message}
          </Alert>
        )}
        {search.state === 'error' && <Alert color="red">{search.message}</Alert>}
        <Divider label="Or just an email for the receipt" labelPosition="center" />
        <form onSubmit={(e) => void saveReceiptEmail(e)} noValidate>
          <Group align="flex-start" wrap="nowrap">
            <TextInput
              aria-label="Email for the receipt"
              placeholder="customer@example.com"
              type="email"
              value={receiptEmail}
              onChange={(e) => {
                setReceiptEmail(e.currentTarget.value);
                setEmailError(null);
              }}
              error={emailError}
              leftSection={<IconMail size={18} />}
              style={{ flex: 1 }}
              size="lg"
              maxLength={254}
            />
            <Button type="submit" variant="light" size="lg" loading={busy}>
              Use for receipt
            </Button>
          </Group>
          <Text size="sm" c="ink.7" mt={6}>
            Works offline. After payment, “Email receipt” sends it; it goes out when the counter is back online.
          </Text>
        </form>
      </Stack>
    </Modal>
  );
}
