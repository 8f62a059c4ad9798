import { Alert, Badge, Box, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlayerPlay, IconPlugConnected, IconRefresh } from '@tabler/icons-react';
import type { BridgeView } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { isBusy, progressPercent, progressText, stateWords } from './bridge-words';
import { OwnerNote } from './owner-note';
import { useApplyView } from './use-bridge';

/**
 * The link's state, always on top: a badge per state, what it means in words, the reason when it stopped, the
 * progress while Square's catalog is read or imported, and the owner's way forward (connect, resume, connect again).
 */
export function ConnectionCard({ view, onCheck, checking }: { view: BridgeView; onCheck: () => void; checking: boolean }) {
  const words = stateWords(view.state);
  // a pause says why in its own words ("Paused by the shop. …"); other stops add the reason under the sentence
  const pausedWhy = view.state === 'paused' ? view.reason : null;
  const reason = pausedWhy ? null : view.reason;
  return (
    <Paper withBorder radius="lg" p="md" data-testid="bridge-connection" data-state={view.state}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
            <IconPlugConnected size={28} color="var(--mantine-color-brand-7)" style={{ flexShrink: 0 }} aria-hidden />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="sm">
                <Title order={4}>Square</Title>
                <Badge color={words.color} c={`${words.color}.9`} variant="light" size="lg" data-testid="bridge-state">
                  {words.badge}
                </Badge>
              </Group>
              <Text c="ink.7" data-testid="bridge-sentence">
                {pausedWhy ?? words.text}
              </Text>
              {reason && view.state !== 'in_step' && (
                <Text fw={600} c={view.state === 'error' || view.state === 'revoked' ? 'red.8' : 'ink.9'} data-testid="bridge-reason">
                  {reason}
                </Text>
              )}
            </Stack>
          </Group>
          <ConnectionActions view={view} onCheck={onCheck} checking={checking} />
        </Group>
        {isBusy(view.state) && view.progress && <ImportProgress progress={view.progress} />}
      </Stack>
    </Paper>
  );
}

function ImportProgress({ progress }: { progress: NonNullable<BridgeView['progress']> }) {
  const percent = progressPercent(progress);
  const label = progressText(progress);
  return (
    <Box data-testid="bridge-progress">
      <Progress value={percent ?? 100} striped={percent === null} animated size="lg" radius="xl" aria-label={label} />
      <Text size="sm" c="ink.7" mt={6}>
        {label}
      </Text>
    </Box>
  );
}

/** Connect (not connected), Connect again (revoked), Resume (paused or error) for the owner; the reason why not for a manager. */
function ConnectionActions({ view, onCheck, checking }: { view: BridgeView; onCheck: () => void; checking: boolean }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const [opened, setOpened] = useState(false);
  const connect = useMutation(
    trpc.bridges.connectUrl.mutationOptions({
      // Electron routes window.open to the system browser (main/security.ts); in browser mode it is a new tab
      onSuccess: ({ url }) => {
        setOpened(true);
        window.open(url, '_blank', 'noopener');
      },
    }),
  );
  const resume = useMutation(trpc.bridges.resume.mutationOptions({ onSuccess: applyView }));
  const wantsConnect = view.state === 'not_connected' || view.state === 'revoked';
  const wantsResume = view.state === 'paused' || view.state === 'error';
  const error = connect.error ?? resume.error;

  if (!wantsConnect && !wantsResume) return null;
  if (!view.canManage) {
    return (
      <Box maw={280}>
        <OwnerNote what={wantsConnect ? 'connect Square' : 'resume the link with Square'} />
      </Box>
    );
  }
  return (
    <Stack gap="xs" align="flex-end" style={{ flexShrink: 0 }}>
      <Group gap="sm" wrap="nowrap">
        {wantsConnect && opened && (
          <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={checking} onClick={onCheck} data-testid="bridge-check">
            Check again
          </Button>
        )}
        {wantsConnect && (
          <Button size="md" leftSection={<IconExternalLink size={18} />} loading={connect.isPending} onClick={() => connect.mutate({ provider: 'square' })} data-testid="bridge-connect">
            {view.state === 'revoked' ? 'Connect again' : 'Connect Square'}
          </Button>
        )}
        {wantsResume && (
          <Button size="md" leftSection={<IconPlayerPlay size={18} />} loading={resume.isPending} onClick={() => resume.mutate()} data-testid="bridge-resume">
            Resume
          </Button>
        )}
      </Group>
      {wantsConnect && opened && (
        <Text size="sm" c="ink.7" maw={320} ta="right">
          Square opened in the web browser. When it says Square is connected, come back here and press Check again.
        </Text>
      )}
      {error && (
        <Alert color="red" role="alert" maw={360}>
          {errorMessage(error)}
        </Alert>
      )}
    </Stack>
  );
}
