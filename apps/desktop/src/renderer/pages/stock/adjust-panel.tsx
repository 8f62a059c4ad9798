import { Alert, Box, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import { ItemPicker } from './item-picker';
import { ADJUST_REASONS, adjustNote, itemTitle, unitOf, type AdjustReason, type StockItem } from './stock-item';
import { useStockWrites } from './use-stock-writes';

/** One product up or down by a number, with the reason staff pick (breakage, waste, theft, correction). */
export function AdjustPanel() {
  const client = useTRPCClient();
  const [item, setItem] = useState<StockItem | null>(null);
  const [direction, setDirection] = useState<'remove' | 'add'>('remove');
  const [quantity, setQuantity] = useState<number>(1);
  const [reason, setReason] = useState<AdjustReason>('Breakage');
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const write = useStockWrites();

  const pick = (i: StockItem) => {
    setItem(i);
    setQuantity(1);
    setError(null);
  };

  const save = async () => {
    if (!item) return;
    setError(null);
    setBusy(true);
    const delta = direction === 'remove' ? -quantity : quantity;
    try {
      let onHand: number | null = null;
      const done = await write('adjust stock', async (approval) => {
        onHand = (await client.inventory.adjust.mutate({ variantId: item.variantId, quantity: delta, note: adjustNote(reason, detail), approval })).onHand;
      });
      if (done) {
        notifications.show({ color: 'green', title: 'Stock adjusted', message: `${itemTitle(item)}: ${delta > 0 ? '+' : '\u2212'}${Math.abs(delta)} (${reason.toLowerCase()}). Now ${onHand ?? '?'} in stock.` });
        setItem(null);
        setDetail('');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={720}>
      <ItemPicker onPick={pick} placeholder="Scan or find the product to adjust" />
      {!item ? (
        <Stack align="center" gap={4} py="xl" c="ink.6">
          <IconAdjustments size={48} stroke={1.3} />
          <Text size="lg" c="ink.7">
            Broken, wasted or missing? Scan the item to take it off stock.
          </Text>
          <Text c="ink.6">For a full shelf check, use Count instead.</Text>
        </Stack>
      ) : (
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Box>
                <Title order={3}>{itemTitle(item)}</Title>
                <Text c="ink.7">
                  {item.sku} · {item.onHand === null ? 'no level from the server yet' : `${item.onHand}${unitOf(item)} in stock`}
                </Text>
              </Box>
              <Button variant="subtle" color="ink" leftSection={<IconX size={18} />} onClick={() => setItem(null)}>
                Other product
              </Button>
            </Group>
            <Group grow align="flex-end">
              <SegmentedControl
                value={direction}
                onChange={(v) => setDirection(v === 'add' ? 'add' : 'remove')}
                data={[
                  { value: 'remove', label: 'Take off stock' },
                  { value: 'add', label: 'Add to stock' },
                ]}
                aria-label="Direction"
              />
              <NumberInput label="How many" value={quantity} min={1} max={1_000_000} allowDecimal={false} allowNegative={false} onChange={(v) => setQuantity(typeof v === 'number' ? v : 0)} />
            </Group>
            <Box>
              <Text fw={600} mb={6}>
                Reason
              </Text>
              <SegmentedControl fullWidth value={reason} onChange={(v) => setReason(v as AdjustReason)} data={[...ADJUST_REASONS]} aria-label="Reason" />
            </Box>
            <TextInput label="Details (optional)" value={detail} onChange={(e) => setDetail(e.currentTarget.value)} placeholder="e.g. dropped a tray of 6" maxLength={300} />
            {error && (
              <Alert color="red" title="Not adjusted" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button leftSection={<IconAdjustments />} loading={busy} disabled={quantity < 1} onClick={() => void save()}>
                {direction === 'remove' ? `Take ${quantity} off stock` : `Add ${quantity} to stock`}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
