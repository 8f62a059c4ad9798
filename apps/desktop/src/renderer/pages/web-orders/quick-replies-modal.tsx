import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';

/** The shop's quick replies, one per line; owners and managers change them (a cashier is told to ask one). */
export function QuickRepliesModal({ current, onClose }: { current: string[]; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [text, setText] = useState(current.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const replies = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
      await client.messages.saveQuickReplies.mutate({ replies });
      await qc.invalidateQueries(trpc.messages.quickReplies.queryFilter());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700} size="xl">Quick replies</Text>}>
      <Stack>
        <Text>One reply per line. Staff tap one to send it to the customer.</Text>
        <Textarea aria-label="Quick replies, one per line" autosize minRows={4} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {error && (
          <Text c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
