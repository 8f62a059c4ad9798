import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';

/**
 * Typing (or scanning) one of the shop's promo codes onto the sale. The counter checks it against the codes it has
 * synced, so it works offline; a refusal says why ("Spend £2.50 more…", expired, unknown) and changes nothing.
 */
export function PromoCodeModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await client.tillPromo.applyCode.mutate({ code });
      qc.setQueryData(trpc.cart.current.queryKey(), view);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Promo code</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Stack gap="md">
          <TextInput
            size="lg"
            label="The customer's code"
            placeholder="SPRING10"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            maxLength={40}
            data-autofocus
            autoComplete="off"
            styles={{ input: { textTransform: 'uppercase', letterSpacing: 1 } }}
            data-testid="promo-code-input"
          />
          {error && (
            <Text c="red.8" fw={600} role="alert" data-testid="promo-code-error">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" size="md" loading={busy} disabled={code.trim().length === 0}>
              Apply code
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
