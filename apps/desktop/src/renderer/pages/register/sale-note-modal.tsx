import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CartControls } from './use-cart';

/** A note on the sale (printed on the receipt): "collect Friday", "paid deposit". */
export function SaleNoteModal({ initial, cart, onClose }: { initial: string; cart: CartControls; onClose: () => void }) {
  const [note, setNote] = useState(initial);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const ok = await cart.note(note);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Note on this sale</Text>}>
      <Stack>
        <Textarea value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} maxLength={500} data-autofocus placeholder="Printed on the receipt" />
        {cart.notice?.kind === 'error' && <Text c="red.8">{cart.notice.text}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            Save note
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
