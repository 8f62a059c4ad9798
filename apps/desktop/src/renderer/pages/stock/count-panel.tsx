import { Alert, Badge, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardCheck, IconScan } from '@tabler/icons-react';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { ItemPicker } from './item-picker';
import { ItemTable } from './item-table';
import { unitOf, type StockItem } from './stock-item';
import { useStockWrites } from './use-stock-writes';

interface Row {
  item: StockItem;
  counted: number;
}

// a count can take a while: it survives leaving the screen (or a restart of the UI) until committed
const SAVED = 'makeries.stock-count';

function loadSaved(): Row[] {
  try {
    const rows = JSON.parse(localStorage.getItem(SAVED) ?? '[]') as unknown;
    return Array.isArray(rows) ? (rows as Row[]) : [];
  } catch {
    return [];
  }
}

function Difference({ n }: { n: number | null }) {
  if (n === null) return <Text c="ink.6">—</Text>;
  if (n === 0)
    return (
      <Badge color="green" variant="light" size="lg">
        matches
      </Badge>
    );
  return (
    <Badge color={n > 0 ? 'blue' : 'orange'} variant="light" size="lg" className="tabular">
      {n > 0 ? `+${n}` : `\u2212${Math.abs(n)}`}
    </Badge>
  );
}

/** Stock take: scan every item on the shelf (each scan counts one), compare with what the counter expects, commit. */
export function CountPanel() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [rows, setRows] = useState<Row[]>(loadSaved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const write = useStockWrites();
  const ids = rows.map((r) => r.item.variantId);
  const levels = useQuery(trpc.inventory.levels.queryOptions(ids.length ? { variantIds: ids } : skipToken, { placeholderData: keepPreviousData }));
  const expected = (variantId: string) => levels.data?.find((l) => l.variantId === variantId)?.onHand ?? null;

  useEffect(() => {
    if (rows.length) localStorage.setItem(SAVED, JSON.stringify(rows));
    else localStorage.removeItem(SAVED);
  }, [rows]);

  const add = (item: StockItem) =>
    setRows((rs) => {
      const hit = rs.find((r) => r.item.variantId === item.variantId);
      // the last scanned item moves to the top, where the eye is
      return hit ? [{ ...hit, counted: hit.counted + 1 }, ...rs.filter((r) => r !== hit)] : [{ item, counted: 1 }, ...rs];
    });
  const remove = (variantId: string) => setRows((rs) => rs.filter((r) => r.item.variantId !== variantId));
  const off = rows.filter((r) => expected(r.item.variantId) !== null && expected(r.item.variantId) !== r.counted).length;

  const commit = async () => {
    setError(null);
    setBusy(true);
    const sent = new Set<string>();
    try {
      const done = await write('commit a stock count', async (approval) => {
        for (const r of rows) {
          if (sent.has(r.item.variantId)) continue;
          await client.inventory.count.mutate({ variantId: r.item.variantId, quantity: r.counted, note: 'Stock count', approval });
          sent.add(r.item.variantId);
          setRows((rs) => rs.filter((x) => x.item.variantId !== r.item.variantId));
        }
      });
      if (done) notifications.show({ color: 'green', title: 'Count saved', message: `Stock levels set for ${sent.size} product${sent.size === 1 ? '' : 's'}.` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <ItemPicker onPick={add} placeholder="Scan each item on the shelf (or type a name + Enter)" />
      {rows.length === 0 ? (
        <Stack align="center" gap={4} py="xl" c="ink.6">
          <IconScan size={48} stroke={1.3} />
          <Text size="lg" c="ink.7">
            Scan every item on the shelf: each scan counts one.
          </Text>
          <Text c="ink.6">Or type the number you counted. Nothing changes until you commit the count.</Text>
        </Stack>
      ) : (
        <ItemTable
          rows={rows}
          onRemove={remove}
          columns={[
            { label: 'Expected', cell: (r) => (expected(r.item.variantId) === null ? '…' : `${expected(r.item.variantId)}${unitOf(r.item)}`) },
            {
              label: 'Counted',
              width: 150,
              cell: (r) => (
                <NumberInput
                  size="md"
                  value={r.counted}
                  min={0}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  aria-label={`Counted ${r.item.name}`}
                  onChange={(v) => setRows((rs) => rs.map((x) => (x.item.variantId === r.item.variantId ? { ...x, counted: typeof v === 'number' ? v : 0 } : x)))}
                />
              ),
            },
            {
              label: 'Difference',
              width: 130,
              cell: (r) => {
                const e = expected(r.item.variantId);
                return <Difference n={e === null ? null : r.counted - e} />;
              },
            },
          ]}
        />
      )}
      {error && (
        <Alert color="red" title="Count not saved" role="alert">
          {error}
        </Alert>
      )}
      {rows.length > 0 && (
        <Group justify="space-between">
          <Text c="ink.7">
            {rows.length} product{rows.length === 1 ? '' : 's'} counted · {off === 0 ? 'all match' : `${off} differ${off === 1 ? 's' : ''} from the counter`}
          </Text>
          <Group>
            <Button variant="default" onClick={() => setRows([])} disabled={busy}>
              Discard count
            </Button>
            <Button leftSection={<IconClipboardCheck />} loading={busy} onClick={() => void commit()}>
              Commit count
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
