import { Alert, Button, Card, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../../app/api';
import { dateTimeLabel } from '../../lib/format';

/** yellow's own title colour is too faint on its light background (WCAG AA): the title in dark text */
const WARNING_TITLE = { title: { color: 'var(--mantine-color-dark-8)' } };

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}

/** `/admin/account`: who is signed in, until when, and new recovery codes (shown once). */
export function AdminAccountPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.admin.me.queryOptions()).data;
  const regenerate = useMutation(trpc.admin.newRecoveryCodes.mutationOptions());
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function makeNew() {
    setError(null);
    try {
      const r = await regenerate.mutateAsync();
      setCodes(r.codes);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: trpc.admin.me.queryKey() });
    } catch (e) {
      setError(failureOf(e).message);
    }
  }

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Your account
      </Title>
      {me && (
        <Card padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Fact label="Name" value={me.operator.name} />
            <Fact label="Email" value={me.operator.email} />
            <Fact label="Session ends" value={me.expiresAt ? dateTimeLabel(me.expiresAt) : '—'} />
            <Fact label="Recovery codes left" value={String(me.recoveryCodesLeft)} />
          </SimpleGrid>
        </Card>
      )}
      <Card padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Recovery codes
          </Title>
          <Text size="sm" c="dimmed">
            Each recovery code signs you in once in place of the authenticator app&apos;s code — for when your phone is lost. New codes replace all the old
            ones, and are shown only once.
          </Text>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          {codes ? (
            <Stack gap="sm">
              <Alert color="yellow" variant="light" styles={WARNING_TITLE} title="Save these now">
                They will not be shown again. Your old recovery codes no longer work.
              </Alert>
              <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="New recovery codes">
                {codes.map((c) => (
                  <Text key={c} component="li" ff="monospace" fw={600} ta="center" py={6} bg="gray.0" style={{ borderRadius: 6 }}>
                    {c}
                  </Text>
                ))}
              </SimpleGrid>
              <Group>
                <CopyButton value={codes.join('\n')}>
                  {({ copied, copy }) => (
                    <Button variant="light" onClick={copy}>
                      {copied ? 'Copied' : 'Copy all'}
                    </Button>
                  )}
                </CopyButton>
                <Button variant="subtle" onClick={() => setCodes(null)}>
                  I have saved them
                </Button>
              </Group>
            </Stack>
          ) : confirming ? (
            <Group>
              <Button color="red" onClick={() => void makeNew()} loading={regenerate.isPending}>
                Replace my recovery codes
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </Group>
          ) : (
            <Group>
              <Button variant="light" onClick={() => setConfirming(true)}>
                New recovery codes
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
