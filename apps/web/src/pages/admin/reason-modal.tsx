import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { failureOf } from '../../app/api';

export interface ReasonRequest {
  title: string;
  /** what happens, in a sentence the operator reads before confirming */
  effect: string;
  confirm: string;
  color?: string;
  /** approve's note is optional; every other action needs a reason */
  optional?: boolean;
  run: (reason: string) => Promise<unknown>;
}

/**
 * Every console action asks why: kept in the audit log, and where the action tells the shop (a rejection, a
 * suspension, hiding a product) shown to the owner. A refusal's message stays in the modal.
 */
export function ReasonModal({ request, onClose, onDone }: { request: ReasonRequest | null; onClose: () => void; onDone?: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    setReason('');
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!request) return;
    if (!request.optional && !reason.trim()) {
      setError('Write the reason: it is kept in the audit log.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request.run(reason.trim());
      await onDone?.();
      close();
    } catch (e) {
      setError(failureOf(e).message || 'That did not work. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={request !== null} onClose={close} title={request?.title} centered size="md">
      <Stack gap="sm">
        <Text size="sm">{request?.effect}</Text>
        <Textarea
          label={request?.optional ? 'Note (optional)' : 'Reason'}
          description="Kept in the audit log."
          autosize
          minRows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
          data-testid="reason-input"
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color={request?.color} loading={busy} onClick={() => void confirm()} data-testid="reason-confirm">
            {request?.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
