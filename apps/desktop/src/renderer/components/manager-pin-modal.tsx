import { Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError, errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { Approval } from '../api/types';
import { PinPad } from './pin-pad';
import { isManagerRole } from './role-label';
import { StaffAvatar } from './staff-avatar';
import { FocusAnchor } from './focus-anchor';

interface Props {
  /** what is being allowed, in words: "refund a sale" */
  action: string;
  onApprove: (approval: Approval) => Promise<void>;
  onCancel: () => void;
}

interface SharedBy {
  id: string;
  name: string;
}

/** The managers the core says share the PIN just typed (CONFLICT + details.choose), or null. */
function sharedBy(e: unknown): SharedBy[] | null {
  const info = apiError(e);
  const choose = info.details.choose;
  if (info.code !== 'CONFLICT' || !Array.isArray(choose)) return null;
  return choose.flatMap((c: unknown) => {
    const o = c as { id?: unknown; name?: unknown };
    return typeof o.id === 'string' && typeof o.name === 'string' ? [{ id: o.id, name: o.name }] : [];
  });
}

/** A manager standing by the till types their PIN for one action; the PIN says who. */
export function ManagerPinModal({ action, onApprove, onCancel }: Props) {
  const trpc = useTRPC();
  const staff = useQuery(trpc.staff.list.queryOptions());
  const managers = (staff.data ?? []).filter((s) => isManagerRole(s.role) && s.hasPin);
  // only when two managers share the PIN just typed: which of them is approving
  const [shared, setShared] = useState<SharedBy[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (pin: string) => {
    if (shared && !chosen) {
      setError('Tap your name first, then type your PIN.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onApprove({ pin, ...(chosen ? { staffId: chosen } : {}) });
    } catch (e) {
      const names = sharedBy(e);
      if (names) setShared(names);
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
        {shared && (
          <Group justify="center" gap="xs" maw={400}>
            {shared.map((m) => (
              <Button
                key={m.id}
                size="md"
                variant={chosen === m.id ? 'filled' : 'default'}
                leftSection={<StaffAvatar name={m.name} size="sm" />}
                onClick={(e) => {
                  // the keyboard's Enter is for the PIN now, not for this button again
                  e.currentTarget.blur();
                  setChosen(m.id);
                  setError(null);
                }}
                aria-pressed={chosen === m.id}
              >
                {m.name}
              </Button>
            ))}
          </Group>
        )}
        <PinPad
          label="Manager PIN"
          busy={busy}
          error={error}
          submitLabel="Approve"
          onSubmit={(pin) => void submit(pin)}
        />
      </Stack>
    </Modal>
  );
}
