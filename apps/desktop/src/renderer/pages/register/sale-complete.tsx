import { Box, Button, Group, Kbd, ScrollArea, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconCircleCheck, IconReceipt, IconShoppingCartPlus } from '@tabler/icons-react';
import { tenderLabel } from '@makeries/shared';
import { useTRPCClient } from '../../api/trpc';
import type { SaleView } from '../../api/types';
import { useNav } from '../../app/nav';
import { PrintButton } from '../../components/print-button';
import { EmailReceiptButton } from '../../components/receipt/email-receipt-button';
import { ReceiptPreview } from '../../components/receipt/receipt-preview';
import { money } from '../../format/money';

/** After payment: the change in big type for the cashier to count out, the receipt, and on to the next customer. */
export function SaleComplete({ sale, onNext }: { sale: SaleView; onNext: () => void }) {
  const client = useTRPCClient();
  const nav = useNav();
  useHotkeys([['Enter', onNext]], []);
  const cashPaid = sale.payments.some((p) => p.kind === 'cash');
  return (
    <Box style={{ display: 'grid', gridTemplateColumns: '1fr auto', height: '100%', minHeight: 0 }}>
      <Stack justify="center" align="center" p="xl" gap="lg">
        <ThemeIcon size={72} radius="xl" color="brand" variant="light">
          <IconCircleCheck size={48} />
        </ThemeIcon>
        <Title order={2} fw={700}>
          Paid · receipt {sale.number}
        </Title>
        <Box ta="center" p="xl" miw={420} style={{ background: sale.changeCents > 0 ? 'var(--mantine-color-brand-0)' : 'var(--mantine-color-ink-0)', borderRadius: 20 }}>
          <Text size="xl" fw={600} c="ink.8">
            {sale.changeCents > 0 ? 'Change to give' : cashPaid ? 'No change' : 'Paid in full'}
          </Text>
          <Text fz={88} fw={800} lh={1.05} className="money" data-testid="change-due" c={sale.changeCents > 0 ? 'brand.9' : 'ink.9'}>
            {money(sale.changeCents, sale.currency)}
          </Text>
          <Text size="lg" c="ink.8" mt="xs">
            {sale.payments.map((p) => `${tenderLabel(p.kind)} ${money(p.kind === 'cash' ? p.tenderedCents : p.amountCents, sale.currency)}`).join(' + ')} for{' '}
            {money(sale.paidCents, sale.currency)}
          </Text>
        </Box>
        <Text c="ink.7">{sale.syncStatus === 'pending' ? 'Saved on this counter; it reaches the marketplace with the next sync.' : 'Saved and sent.'}</Text>
        <Group w={520} grow>
          <PrintButton label="Print receipt" print={() => client.printers.printReceipt.mutate({ saleId: sale.id })} />
          <EmailReceiptButton saleId={sale.id} />
        </Group>
        <Button variant="subtle" leftSection={<IconReceipt />} onClick={() => nav.go({ page: 'orders', saleId: sale.id })}>
          Open in orders
        </Button>
        <Button size="xl" w={520} h={72} leftSection={<IconShoppingCartPlus />} rightSection={<Kbd>Enter</Kbd>} onClick={onNext} autoFocus>
          Next customer
        </Button>
        <Text size="sm" c="ink.7">
          Scanning the next item starts a new sale straight away.
        </Text>
      </Stack>
      <ScrollArea p="lg" style={{ background: 'var(--mantine-color-ink-1)', borderLeft: '1px solid var(--mantine-color-ink-2)' }} w={380}>
        <Box p="md" ta="center">
          <ReceiptPreview saleId={sale.id} />
        </Box>
      </ScrollArea>
    </Box>
  );
}
