import { Alert, Badge, Box, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconPlayerPlay, IconPlug, IconPlugConnected } from '@tabler/icons-react';
import type { BridgeView } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { isBusy, isLinked, posName, progressPercent, progressText, readOnlyNote, stateWords } from './bridge-words';
import { OwnerNote } from './owner-note';
import { useApplyView } from './use-bridge';

/**
 * The link's state, always on top: the connected point of sale by name, a badge per state, what it means in words,
 * the reason when it stopped, what a read-only connection does not do, the progress while the POS's catalog is read
 * or imported, and Resume for the owner. Connecting is on the point-of-sale cards below it.
 */
export function ConnectionCard({ view }: { view: BridgeView }) {
  const linked = isLinked(view.state);
  const pos = posName(view);
  const words = stateWords(view.state, pos, view.capabilities);
  // a pause says why in its own words ("Paused by the shop. …"); other stops add the reason under the sentence
  const pausedWhy = view.state === 'paused' ? view.reason : null;
  const reason = pausedWhy ? null : view.reason;
  const readOnly = linked && view.state !== 'revoked' ? readOnlyNote(view.provider, pos, view.capabilities) : null;
  const Icon = linked ? IconPlugConnected : IconPlug;
  return (
    <Paper withBorder radius="lg" p="md" data-testid="bridge-connection" data-state={view.state}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
            <Icon size={28} color="var(--mantine-color-brand-7)" style={{ flexShrink: 0 }} aria-hidden />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="sm">
                <Title order={4} data-testid="bridge-pos-name">
                  {linked ? pos : 'Your point of sale'}
                </Title>
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
          <ResumeAction view={view} pos={pos} />
        </Group>
        {readOnly && (
          <Alert color="blue" variant="light" icon={<IconEye size={20} />} data-testid="bridge-read-only">
            <Text c="ink.9">{readOnly}</Text>
          </Alert>
        )}
        {isBusy(view.state) && view.progress && <ImportProgress progress={view.progress} pos={pos} />}
      </Stack>
    </Paper>
  );
}

function ImportProgress({ progress, pos }: { progress: NonNullable<BridgeView['progress']>; pos: string }) {
  const percent = progressPercent(progress);
  const label = progressText(progress, pos);
  return (
    <Box data-testid="bridge-progress">
      <Progress value={percent ?? 100} striped={percent === null} animated size="lg" radius="xl" aria-label={label} />
      <Text size="sm" c="ink.7" mt={6}>
        {label}
      </Text>
    </Box>
  );
}

/** Resume (paused or error) for the owner; who can for a manager. */
function ResumeAction({ view, pos }: { view: BridgeView; pos: string }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const resume = useMutation(trpc.bridges.resume.mutationOptions({ onSuccess: applyView }));
  if (view.state !== 'paused' && view.state !== 'error') return null;
  if (!view.canManage) {
    return (
      <Box maw={280}>
        <OwnerNote what={`resume the link with ${pos}`} />
      </Box>
    );
  }
  return (
    <Stack gap="xs" align="flex-end" style={{ flexShrink: 0 }}>
      <Button size="md" leftSection={<IconPlayerPlay size={18} />} loading={resume.isPending} onClick={() => resume.mutate()} data-testid="bridge-resume">
        Resume
      </Button>
      {resume.error && (
        <Alert color="red" role="alert" maw={360}>
          {errorMessage(resume.error)}
        </Alert>
      )}
    </Stack>
  );
}
