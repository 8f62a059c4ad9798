import { Box, Center, Loader, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconReceipt, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { useScanHandler } from '../../app/scan-context';
import type { SaleView } from '../../api/types';
import { RefundModal } from './refund-modal';
import { SaleDetail } from './sale-detail';
import { SaleListItem } from './sale-list-item';
import { looksLikeReceiptNumber, receiptNumberFrom } from './receipt-lookup';

/**
 * Receipts sold at this counter: search, look one up by number or by scanning its QR code, refund, reprint. A
 * receipt of another register of the shop is looked up on the server (online) and refunded from the dialog.
 */
export function OrdersPage({ focusSaleId }: { focusSaleId: string | undefined }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const sales = useQuery(trpc.sales.list.queryOptions({ limit: 200 }));
  const [selected, setSelected] = useState<string | null>(focusSaleId ?? null);
  const [text, setText] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);

  // another register's receipt (found on the server, online only) opens straight in the refund dialog
  const [remote, setRemote] = useState<SaleView | null>(null);

  const lookup = async (raw: string) => {
    setLookupError(null);
    try {
      const sale = await client.refunds.find.query({ number: receiptNumberFrom(raw) });
      if (sale.remote) setRemote(sale);
      else setSelected(sale.id);
      setText('');
    } catch (e) {
      setLookupError(errorMessage(e));
    }
  };
  useScanHandler((code) => void lookup(code));

  const q = text.trim().toLowerCase();
  const shown = (sales.data ?? []).filter(
    (s) => !q || s.number.toLowerCase().includes(q) || s.lines.some((l) => l.name.toLowerCase().includes(q)),
  );
  const current = selected ?? shown[0]?.id ?? null;

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: '400px minmax(0, 1fr)', height: '100%', minHeight: 0 }}>
      <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, background: 'white', borderRight: '1px solid var(--mantine-color-ink-2)' }}>
        <Stack gap={4} p="md" style={{ flexShrink: 0 }}>
          <TextInput
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setLookupError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && looksLikeReceiptNumber(text)) void lookup(text);
            }}
            placeholder="Receipt number or item"
            aria-label="Find a receipt"
            leftSection={<IconSearch size={20} />}
            autoComplete="off"
          />
          <Text size="sm" c={lookupError ? 'red.8' : 'ink.6'} mih={20} role={lookupError ? 'alert' : undefined}>
            {lookupError ?? 'Scan a receipt, or type its number + Enter'}
          </Text>
        </Stack>
        <ScrollArea style={{ flex: 1, minHeight: 0 }}>
          {sales.isPending && <Loader m="md" />}
          {sales.isError && <Text c="red.8" p="md">{errorMessage(sales.error)}</Text>}
          {sales.data && shown.length === 0 && (
            <Text c="ink.7" p="md">
              {q ? `No recent receipt matches “${text.trim()}”.` : 'No sales yet on this counter.'}
            </Text>
          )}
          {shown.map((s) => (
            <SaleListItem key={s.id} sale={s} active={s.id === current} onOpen={() => setSelected(s.id)} />
          ))}
        </ScrollArea>
      </Box>
      {remote && <RefundModal sale={remote} onClose={() => setRemote(null)} />}
      {current ? (
        <SaleDetail key={current} saleId={current} />
      ) : (
        <Center>
          <Stack align="center" c="ink.5">
            <IconReceipt size={64} stroke={1.2} />
            <Text size="lg" c="ink.7">
              Pick a receipt to see it, refund it or print it again.
            </Text>
          </Stack>
        </Center>
      )}
    </Box>
  );
}
