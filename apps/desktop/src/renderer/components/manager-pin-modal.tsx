import { Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { apiQuery } from '../api/hooks';
import type { Approval } from '../api/types';
import { PinPad } from './pin-pad';
import { isManagerRole } from './role-label';
import { StaffAvatar } from './staff-avatar';
import { FocusAnchor } from './focus-anchor';

interface Props {
  /** what is being allowed, in words: "refund a sale" */
  action: string;
  onApprove(approval: Approval): Promise<void>;
  onCancel(): void;
}

/** A manager standing by the till picks their name and types their PIN for one action. */
export function ManagerPinModal({ action, onApprove, onCancel }: Props) {
  const staff = useQuery(apiQuery('staff.list'));
  const managers = (staff.data ?? []).filter((s) => isManagerRole(s.role) && s.hasPin);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const managerId = chosen ?? (managers.length === 1 ? (managers[0]?.id ?? null) : null);

  const submit = async (pin: string) => {
    if (!managerId) {
      setError('Pick the manager who is approving first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onApprove({ staffId: managerId, pin });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onCancel}
      zIndex={300}
      size="auto"
      title={
        <Group gap="xs">
          <IconShieldLock size={26} />
          <Text fw={700} size="xl">
            Manager approval
          </Text>
        </Group>
      }
    >
      <FocusAnchor />
      <Stack align="center" gap="md" px="md" pb="md">
        <Text size="lg" ta="center" maw={360}>
          A manager’s PIN is needed to {action}.
        </Text>
        {staff.isPending && <Loader />}
        {staff.data && managers.length === 0 && <Text c="red.8">No manager with a PIN is set up for this shop.</Text>}
        {managers.length > 1 && (
          <Group justify="center" gap="xs" maw={400}>
            {managers.map((m) => (
              <Button
                key={m.id}
                size="md"
                variant={managerId === m.id ? 'filled' : 'default'}
                leftSection={<StaffAvatar name={m.name} size="sm" />}
                onClick={(e) => {
                  // the keyboard's Enter is for the PIN now, not for this button again
                  e.currentTarget.blur();
                  setChosen(m.id);
                  setError(null);
                }}
                aria-pressed={managerId === m.id}
              >
                {m.name}
              </Button>
            ))}
          </Group>
        )}
        {managers.length === 1 && <Text fw={700}>{managers[0]?.name}</Text>}
        <PinPad
          label="Manager PIN"
          busy={busy}
          disabled={!managerId}
          error={error ?? (managerId ? null : 'Tap your name first, then type your PIN.')}
          submitLabel="Approve"
          onSubmit={(pin) => void submit(pin)}
        />
      </Stack>
    </Modal>
  );
}
