import { Alert, Button, Card, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import type { SmsSettings } from '@makeries/shared';
import { IconMessage } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { failureOf, useTRPC, useTRPCClient } from '../../../app/api';

/**
 * The account's "Text messages" card: the customer's mobile number and whether we text them about their orders.
 * Says so when the marketplace sends no texts, and when the number replied STOP (only START from the phone
 * undoes that — the provider would refuse to text it anyway).
 */
export function SmsCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.notifications.sms.queryOptions());
  return (
    <Card padding="lg" id="texts" aria-labelledby="texts-title">
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconMessage size={20} aria-hidden />
        <Title id="texts-title" order={2} size="h4">
          Text messages
        </Title>
      </Group>
      {query.isError && (
        <Alert color="red" variant="light" role="alert">
          We could not load your text settings. Check your connection and reload the page.
        </Alert>
      )}
      {query.data && !query.data.available && (
        <Text size="sm" c="dimmed">
          Texts are not available on this marketplace yet. We will tell you about your orders by email.
        </Text>
      )}
      {query.data?.available && <SmsForm settings={query.data} />}
    </Card>
  );
}

function SmsForm({ settings }: { settings: SmsSettings }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [phone, setPhone] = useState(settings.display ?? '');
  const [enabled, setEnabled] = useState(settings.enabled);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setPhone(settings.display ?? '');
    setEnabled(settings.enabled);
  }, [settings.display, settings.enabled]);

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const next = await client.notifications.setSms.mutate({ phone: phone.trim(), enabled });
      queryClient.setQueryData(trpc.notifications.sms.queryKey(), next);
      setSaved(true);
    } catch (e) {
      const f = failureOf(e);
      setError(f.issues?.find((i) => i.path === 'phone')?.message ?? (f.message || 'That did not work. Check your connection and try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          We text you when an order is ready, on its way or cancelled, and when a shop writes to you. Reply STOP to any text to stop them.
        </Text>
        {settings.optedOut && (
          <Alert color="yellow" variant="light" title="This number replied STOP">
            We send it no texts. Reply START to one of our texts to get them again.
          </Alert>
        )}
        <TextInput
          label="Mobile number"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => {
            setPhone(e.currentTarget.value);
            setSaved(false);
          }}
          error={error}
        />
        <Switch
          label="Text me about my orders"
          checked={enabled}
          onChange={(e) => {
            setEnabled(e.currentTarget.checked);
            setSaved(false);
          }}
        />
        <Group gap="sm">
          <Button type="submit" loading={busy}>
            Save
          </Button>
          {saved && (
            <Text size="sm" c="teal.8" role="status">
              Saved
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
