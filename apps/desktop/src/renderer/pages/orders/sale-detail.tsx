import { Badge, Box, Button, Divider, Group, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { refundableQuantity, tenderLabel } from '@makeries/shared';
import { IconReceiptRefund } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { PrintButton } from '../../components/print-button';
import { EmailReceiptButton } from '../../components/receipt/email-receipt-button';
import { ReceiptPreview } from '../../components/receipt/receipt-preview';
import { SyncBadge } from '../../components/sync-badge';
import { minus, money, quantityText } from '../../format/money';
import { dayAndTime } from '../../format/time';
import { RefundModal } from './refund-modal';
import { SaleCustomerLine } from './sale-customer-line';

/** One receipt: what was sold and paid, what came back, and the refund and reprint buttons. */
export function SaleDetail({ saleId }: { saleId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const sale = useQuery(trpc.sales.byId.queryOptions({ saleId }));
  const refunds = useQuery(trpc.refunds.list.queryOptions({ saleId }));
  const [refunding, setRefunding] = useState(false);
  if (sale.isPending) return <Loader m="xl" />;
  if (sale.isError) return <Text c="red.8" p="xl">{errorMessage(sale.error)}</Text>;
  const s = sale.data;
  const refundable = s.lines.some((l) => refundableQuantity(l) > 0);
  const c = s.currency;

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', height: '100%', minHeight: 0 }}>
      <ScrollArea p="lg" style={{ minHeight: 0 }}>
        <Stack gap="md" pr="md">
          <Group justify="space-between" align="flex-start">
            <Box>
              <Title order={2} data-testid="sale-number">
                {s.number}
              </Title>
              <Text c="ink.7">{dayAndTime(s.completedAt)}</Text>
              <SaleCustomerLine saleId={s.id} />
            </Box>
            <Group gap="xs">
              {s.refundedCents > 0 && (
                <Badge color="grape" variant="light">
                  {s.refundedCents >= s.totalCents ? 'Refunded' : 'Part refunded'}
                </Badge>
              )}
              <SyncBadge status={s.syncStatus} />
            </Group>
          </Group>
          <Table verticalSpacing="xs" fz="md">
            <Table.Tbody>
              {s.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <Text fw={600}>
                      {l.name}
                      {l.variantName ? ` · ${l.variantName}` : ''}
                    </Text>
                    <Text size="sm" c="ink.7" className="tabular">
                      {quantityText(l.quantity, l.soldBy)} × {money(l.unitPriceCents, c)}
                      {l.discountCents > 0 ? ` · discount ${minus(l.discountCents, c)}` : ''}
                      {l.refundedQuantity > 0 ? ` · ${quantityText(l.refundedQuantity, l.soldBy)} refunded` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={700} className="money">
                    {money(l.totalCents, c)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text>Total</Text>
              <Text fw={800} size="xl" className="money">
                {money(s.totalCents, c)}
              </Text>
            </Group>
            {s.payments.map((p) => (
              <Group key={p.id} justify="space-between">
                <Text c="ink.8">
                  {tenderLabel(p.kind)}
                  {p.kind === 'cash' && p.changeCents > 0 ? ` (handed ${money(p.tenderedCents, c)}, change ${money(p.changeCents, c)})` : ''}
                </Text>
                <Text className="money">{money(p.amountCents, c)}</Text>
              </Group>
            ))}
          </Stack>
          {refunds.data && refunds.data.length > 0 && (
            <>
              <Divider label="Refunds" labelPosition="left" />
              {refunds.data.map((r) => (
                <Group key={r.id} justify="space-between" wrap="nowrap">
                  <Box>
                    <Text fw={600}>
                      {r.number} · {tenderLabel(r.tender)}
                      {r.restock ? ' · restocked' : ''}
                    </Text>
                    <Text size="sm" c="ink.7">
                      {dayAndTime(r.refundedAt)}
                      {r.reason ? ` · ${r.reason}` : ''}
                    </Text>
                  </Box>
                  <Group gap="sm" wrap="nowrap">
                    <Text fw={700} c="grape.8" className="money">
                      {minus(r.paidOutCents, c)}
                    </Text>
                    <Box w={150}>
                      <PrintButton size="md" label="Slip" print={() => client.printers.printRefund.mutate({ refundId: r.id })} />
                    </Box>
                  </Group>
                </Group>
              ))}
            </>
          )}
          <Group grow mt="md">
            <Button leftSection={<IconReceiptRefund />} color="grape" onClick={() => setRefunding(true)} disabled={!refundable}>
              {refundable ? 'Refund…' : 'Fully refunded'}
            </Button>
            <PrintButton label="Reprint receipt" print={() => client.printers.reprint.mutate({ saleId: s.id })} />
            <EmailReceiptButton saleId={s.id} />
          </Group>
        </Stack>
      </ScrollArea>
      <ScrollArea style={{ background: 'var(--mantine-color-ink-1)', borderLeft: '1px solid var(--mantine-color-ink-2)' }}>
        <Box p="md" ta="center">
          <ReceiptPreview saleId={s.id} />
        </Box>
      </ScrollArea>
      {refunding && <RefundModal sale={s} onClose={() => setRefunding(false)} />}
    </Box>
  );
}
