import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';

const REASONS = ['Give change', 'Check the float', 'Customer paid a debt'];

/** Opens the drawer without a sale; always recorded with who and why. */
export function NoSaleModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const printers = useQuery(trpc.printers.list.queryOptions());
  const hasDrawer = (printers.data ?? []).some((p) => p.enabled && p.hasDrawer);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      if (hasDrawer) await client.printers.openDrawer.mutate({ reason });
      else await client.shifts.noSale.mutate({ reason });
      notifications.show({ color: 'brand', title: 'No sale recorded', message: hasDrawer ? 'The drawer is opening.' : 'No drawer is connected: open it with its key.' });
      await qc.invalidateQueries(trpc.shifts.pathFilter());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">No sale: open the drawer</Text>}>
      <Stack>
        <Group gap="xs">
          {REASONS.map((r) => (
            <Button key={r} size="md" variant={reason === r ? 'filled' : 'default'} onClick={() => setReason(r)}>
              {r}
            </Button>
          ))}
        </Group>
        <TextInput label="Why" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button size="xl" disabled={!reason.trim()} loading={busy} onClick={() => void open()}>
          Open drawer
        </Button>
      </Stack>
    </Modal>
  );
}
