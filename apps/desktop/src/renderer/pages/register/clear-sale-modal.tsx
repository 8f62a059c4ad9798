import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CartControls } from './use-cart';

/** Voids the whole sale before payment; it stays on record with who and why. */
export function ClearSaleModal({ cart, onClose }: { cart: CartControls; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    setBusy(true);
    const ok = await cart.clear(reason);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Void this sale?</Text>}>
      <Stack>
        <Text>Every line is removed. The voided sale stays in the activity log.</Text>
        <TextInput label="Reason (optional)" placeholder="e.g. customer changed their mind" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the sale
          </Button>
          <Button color="red" onClick={() => void clear()} loading={busy}>
            Void sale
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
