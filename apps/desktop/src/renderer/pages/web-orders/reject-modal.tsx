import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

const REASONS = ['Sold out of an item', 'Too busy right now', 'Closing early today', 'Cannot deliver to that address'];

/** Rejecting tells the customer why, in the sentence staff choose here. */
export function RejectModal({ number, busy, error, onReject, onClose }: { number: string; busy: boolean; error: string | null; onReject: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Reject order {number}</Text>}>
      <Stack>
        <Text>The customer sees this reason.</Text>
        <Stack gap={6}>
          {REASONS.map((r) => (
            <Button key={r} variant={reason === r ? 'filled' : 'default'} justify="flex-start" onClick={() => setReason(r)}>
              {r}
            </Button>
          ))}
        </Stack>
        <TextInput label="Or in your own words" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
        {error && (
          <Text c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the order
          </Button>
          <Button color="red" disabled={!reason.trim()} loading={busy} onClick={() => onReject(reason.trim())}>
            Reject order
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
