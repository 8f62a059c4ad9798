import { ActionIcon, Box, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { CartLine } from '../../api/types';
import { useApproval } from '../../app/approval';
import { DiscountForm, type Discount } from '../../components/discount-form';
import { money, quantityText } from '../../format/money';
import type { CartControls } from './use-cart';

interface Props {
  line: CartLine;
  currency: string;
  cart: CartControls;
  onClose: () => void;
}

/** Everything about one line: quantity (or weight), a line discount (manager PIN above the limit), a note, void. */
export function LineEditorModal({ line, currency, cart, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const withApproval = useApproval();
  const [note, setNote] = useState(line.note);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const step = line.soldBy === 'weight' ? 50 : 1;
  const { clearNotice } = cart;
  // an old scan message is not about this line
  useEffect(() => clearNotice(), [clearNotice]);

  const change = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    setError(null);
    cart.clearNotice();
    await fn();
    setBusy(false);
  };

  const applyDiscount = async (discount: Discount | null) => {
    setBusy(true);
    setError(null);
    try {
      const view = await withApproval('give this discount', (approval) =>
        client.cart.lineDiscount.mutate({ lineId: line.id, discount, ...(approval ? { approval } : {}) }),
      );
      if (view) {
        qc.setQueryData(trpc.cart.current.queryKey(), view);
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const setQty = (q: number) => void change(() => (line.soldBy === 'weight' ? cart.setWeight(line.id, q) : cart.setQuantity(line.id, q)));

  const shownError = error ?? (cart.notice?.kind === 'error' ? cart.notice.text : null);
  return (
    <Modal opened onClose={onClose} size={900} title={<Text fw={700} size="xl">{line.name}{line.variantName ? ` · ${line.variantName}` : ''}</Text>}>
      <SimpleGrid cols={2} spacing={32}>
        <Stack gap="lg">
          <Stack gap={6}>
            <Text fw={600}>{line.soldBy === 'weight' ? 'Weight' : 'Quantity'}</Text>
            <Group gap="sm" justify="space-between">
              <ActionIcon size={64} variant="default" aria-label="One less" disabled={busy || line.quantity <= step} onClick={() => setQty(line.quantity - step)}>
                <IconMinus size={30} />
              </ActionIcon>
              <Text fz={36} fw={800} ta="center" className="tabular" data-testid="line-quantity" style={{ flex: 1 }}>
                {quantityText(line.quantity, line.soldBy)}
              </Text>
              <ActionIcon size={64} variant="default" aria-label="One more" disabled={busy} onClick={() => setQty(line.quantity + step)}>
                <IconPlus size={30} />
              </ActionIcon>
            </Group>
            <Text c="ink.7" ta="center" className="tabular">
              {money(line.unitPriceCents, currency)}
              {line.soldBy === 'weight' ? ' per kg' : ' each'} · line {money(line.totals.grossCents - line.totals.lineDiscountCents, currency)}
            </Text>
          </Stack>
          <Stack gap={6}>
            <Text fw={600}>Note for this item</Text>
            <Group align="flex-end" wrap="nowrap">
              <TextInput style={{ flex: 1 }} value={note} onChange={(e) => setNote(e.currentTarget.value)} placeholder="e.g. sliced, gift wrap" maxLength={200} aria-label="Note for this item" />
              <Button variant="default" disabled={note === line.note} onClick={() => void change(() => cart.lineNote(line.id, note))}>
                Save
              </Button>
            </Group>
          </Stack>
          <Box style={{ flex: 1 }} />
          {shownError && (
            <Text c="red.8" fw={600} role="alert">
              {shownError}
            </Text>
          )}
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash />}
            onClick={() => void change(async () => (await cart.voidLine(line.id)) && (onClose(), true))}
            loading={busy}
          >
            Void this line
          </Button>
        </Stack>
        <Stack gap={6}>
          <Text fw={600}>Line discount</Text>
          <DiscountForm baseCents={line.totals.grossCents} currency={currency} scope="line" current={line.discount} busy={busy} onApply={(d) => void applyDiscount(d)} />
        </Stack>
      </SimpleGrid>
    </Modal>
  );
}
