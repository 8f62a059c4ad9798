import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import type { CartControls } from './use-cart';

/** Puts the sale aside with a label so the next customer can be served. */
export function ParkModal({ cart, onClose }: { cart: CartControls; onClose: () => void }) {
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const park = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await cart.park(label);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Park this sale</Text>}>
      <form onSubmit={(e) => void park(e)}>
        <Stack>
          <TextInput label="Who is it for? (optional)" placeholder="e.g. Blue coat, table 4" value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={60} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Park sale
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
