import { Alert, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPackageImport } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import { ItemPicker } from './item-picker';
import { ItemTable } from './item-table';
import { receiveNote, unitOf, type StockItem } from './stock-item';
import { useStockWrites } from './use-stock-writes';

interface Row {
  item: StockItem;
  quantity: number;
}

/** A delivery: scan or search each item, type how many came, note the supplier, receive them all at once. */
export function ReceivePanel({ seed }: { seed: StockItem[] }) {
  const client = useTRPCClient();
  const [rows, setRows] = useState<Row[]>(() => seed.map((item) => ({ item, quantity: 1 })));
  const [supplier, setSupplier] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const write = useStockWrites();

  const add = (item: StockItem) =>
    setRows((rs) => (rs.some((r) => r.item.variantId === item.variantId) ? rs.map((r) => (r.item.variantId === item.variantId ? { ...r, quantity: r.quantity + 1 } : r)) : [...rs, { item, quantity: 1 }]));
  const remove = (variantId: string) => setRows((rs) => rs.filter((r) => r.item.variantId !== variantId));
  const units = rows.reduce((n, r) => n + r.quantity, 0);

  const submit = async () => {
    setError(null);
    setBusy(true);
    const sent = new Set<string>();
    try {
      const done = await write('receive stock', async (approval) => {
        for (const r of rows) {
          if (sent.has(r.item.variantId)) continue;
          await client.inventory.receive.mutate({ variantId: r.item.variantId, quantity: r.quantity, note: receiveNote(supplier), approval });
          sent.add(r.item.variantId);
          // a row is gone once received, so trying again never receives it twice
          setRows((rs) => rs.filter((x) => x.item.variantId !== r.item.variantId));
        }
      });
      const received = sent.size;
      if (done) {
        notifications.show({ color: 'green', title: 'Stock received', message: `${received} product${received === 1 ? '' : 's'} added to stock.` });
        setSupplier('');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Group align="flex-start" grow>
        <ItemPicker onPick={add} placeholder="Scan, or type a name + Enter" />
        <TextInput value={supplier} onChange={(e) => setSupplier(e.currentTarget.value)} placeholder="Supplier, invoice number (optional)" aria-label="Supplier note" maxLength={200} />
      </Group>
      {rows.length === 0 ? (
        <Stack align="center" gap={4} py="xl" c="ink.6">
          <IconPackageImport size={48} stroke={1.3} />
          <Text size="lg" c="ink.7">
            Scan each item of the delivery, or find it by name.
          </Text>
          <Text c="ink.6">Scanning the same item again adds one more.</Text>
        </Stack>
      ) : (
        <ItemTable
          rows={rows}
          onRemove={remove}
          columns={[
            { label: 'In stock now', cell: (r) => (r.item.onHand === null ? '—' : `${r.item.onHand}${unitOf(r.item)}`) },
            {
              label: 'Received',
              width: 170,
              cell: (r) => (
                <NumberInput
                  size="md"
                  value={r.quantity}
                  min={1}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  aria-label={`Quantity of ${r.item.name} received`}
                  suffix={unitOf(r.item) ? ` ${unitOf(r.item)}` : undefined}
                  onChange={(v) => setRows((rs) => rs.map((x) => (x.item.variantId === r.item.variantId ? { ...x, quantity: typeof v === 'number' ? v : 0 } : x)))}
                />
              ),
            },
          ]}
        />
      )}
      {error && (
        <Alert color="red" title="Not received" role="alert">
          {error}
        </Alert>
      )}
      {rows.length > 0 && (
        <Group justify="space-between">
          <Text c="ink.7">
            {rows.length} product{rows.length === 1 ? '' : 's'}, {units} unit{units === 1 ? '' : 's'}
          </Text>
          <Button leftSection={<IconPackageImport />} loading={busy} disabled={rows.some((r) => r.quantity < 1)} onClick={() => void submit()}>
            Receive {units} into stock
          </Button>
        </Group>
      )}
    </Stack>
  );
}
