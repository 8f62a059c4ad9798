import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

export interface ReasonAction {
  title: string;
  explain: string;
  confirm: string;
  color: string;
  run: (reason: string) => Promise<void>;
}

/** Asks why before a console action (the reason goes to the audit log and, for hide/restore, to the shop). */
export function ReasonModal({ action, onClose }: { action: ReasonAction | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!action) return;
    if (!reason.trim()) {
      setError('Write the reason: it is kept in the audit log.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action.run(reason.trim());
      setReason('');
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={action !== null} onClose={onClose} title={action?.title ?? ''} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{action?.explain}</Text>
          <Textarea label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} maxLength={1000} data-autofocus />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={action?.color} loading={busy}>
              {action?.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
