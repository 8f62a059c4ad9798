import { ActionIcon, Alert, Box, Button, Checkbox, Group, Modal, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconMinus, IconPlus, IconReceiptRefund } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { refundAmount, refundableQuantity, uuidv7 } from '@makeries/shared';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { Outputs, SaleView } from '../../api/types';
import { useApproval } from '../../app/approval';
import { PrintButton } from '../../components/print-button';
import { money, quantityText } from '../../format/money';
import { everything, refundTotal, requestLines } from './refund-plan';

type Refund = Outputs['refunds']['create'];
type Tender = 'original' | 'cash' | 'external_card';

const REASONS = ['Changed their mind', 'Damaged', 'Wrong item', 'Not as described'];

/** Full or partial refund of a receipt, back on the shelf or not; a manager approves with their PIN. */
export function RefundModal({ sale, onClose }: { sale: SaleView; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const withApproval = useApproval();
  const open = sale.lines.filter((l) => refundableQuantity(l) > 0);
  const [chosen, setChosen] = useState<Record<string, number>>(() => everything(open));
  const [restock, setRestock] = useState(true);
  const split = new Set(sale.payments.map((p) => p.kind)).size > 1;
  const [tender, setTender] = useState<Tender>(split ? 'cash' : 'original');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Refund | null>(null);
  // one id per dialog: a retry after "no answer from the marketplace" can never refund twice
  const [refundId] = useState(() => uuidv7());
  const total = refundTotal(open, chosen);
  const set = (id: string, q: number) => setChosen((c) => ({ ...c, [id]: q }));

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const lines = requestLines(open, chosen);
      const result = await withApproval('refund a sale', (approval) =>
        client.refunds.create.mutate({ saleId: sale.id, refundId, restock, tender, reason, ...(lines ? { lines } : {}), ...(approval ? { approval } : {}) }),
      );
      if (result) {
        setDone(result);
        for (const filter of [trpc.sales.pathFilter(), trpc.refunds.pathFilter(), trpc.shifts.pathFilter(), trpc.catalog.pathFilter()]) {
          void qc.invalidateQueries(filter);
        }
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Refund done</Text>}>
        <Stack align="center" ta="center">
          <Text size="lg">{done.tender === 'cash' ? 'Give back in cash' : 'Refund on the card terminal'}</Text>
          <Text fz={64} fw={800} className="money" data-testid="refund-paid-out">
            {money(done.paidOutCents, sale.currency)}
          </Text>
          <Text c="ink.7">
            Refund {done.number} for receipt {sale.number}
            {done.restock ? ' · items back in stock' : ''}
          </Text>
          <Group grow w="100%">
            <PrintButton label="Print refund slip" print={() => client.printers.printRefund.mutate({ refundId: done.id })} />
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={700} size="xl">Refund receipt {sale.number}</Text>}>
      <Stack gap="md">
        {sale.remote && (
          <Alert color="blue" data-testid="refund-other-register">
            Sold at register {sale.registerCode}. This refund is checked with the marketplace first, so no receipt is refunded twice.
          </Alert>
        )}
        <Group justify="space-between">
          <Text c="ink.7">Choose what comes back. Everything is selected.</Text>
          <Group gap="xs">
            <Button size="sm" variant="subtle" onClick={() => setChosen(everything(open))}>
              All
            </Button>
            <Button size="sm" variant="subtle" onClick={() => setChosen({})}>
              None
            </Button>
          </Group>
        </Group>
        <Stack gap={6}>
          {open.map((l) => {
            const left = refundableQuantity(l);
            const q = chosen[l.id] ?? 0;
            const each = l.soldBy === 'each';
            return (
              <Group key={l.id} justify="space-between" wrap="nowrap" p="xs" style={{ border: '1px solid var(--mantine-color-ink-2)', borderRadius: 10, background: q > 0 ? 'var(--mantine-color-brand-0)' : undefined }}>
                <Checkbox size="lg" checked={q > 0} onChange={(e) => set(l.id, e.currentTarget.checked ? left : 0)} label={<Text fw={600}>{l.name}{l.variantName ? ` · ${l.variantName}` : ''}</Text>} aria-label={`Refund ${l.name}`} />
                <Group gap="sm" wrap="nowrap">
                  {each && left > 1 && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="default" aria-label={`One less ${l.name}`} disabled={q <= 0} onClick={() => set(l.id, q - 1)}>
                        <IconMinus size={20} />
                      </ActionIcon>
                      <Text w={60} ta="center" fw={700} className="tabular">
                        {q} / {left}
                      </Text>
                      <ActionIcon variant="default" aria-label={`One more ${l.name}`} disabled={q >= left} onClick={() => set(l.id, q + 1)}>
                        <IconPlus size={20} />
                      </ActionIcon>
                    </Group>
                  )}
                  {!(each && left > 1) && (
                    <Text c="ink.7" className="tabular">
                      {quantityText(left, l.soldBy)}
                    </Text>
                  )}
                  <Text w={96} ta="right" fw={700} className="money">
                    {money(refundAmount(l, q), sale.currency)}
                  </Text>
                </Group>
              </Group>
            );
          })}
        </Stack>
        <Group grow align="flex-start">
          <Box>
            <Text fw={600} mb={6}>
              Money back as
            </Text>
            <SegmentedControl
              fullWidth
              value={tender}
              onChange={(v) => setTender(v as Tender)}
              data={[
                { value: 'original', label: 'How they paid', disabled: split },
                { value: 'cash', label: 'Cash' },
                { value: 'external_card', label: 'Card' },
              ]}
            />
            {split && (
              <Text size="sm" c="ink.7" mt={4}>
                Paid several ways: choose cash or card.
              </Text>
            )}
          </Box>
          <Box pt={28}>
            <Switch size="lg" checked={restock} onChange={(e) => setRestock(e.currentTarget.checked)} label="Put the items back in stock" />
          </Box>
        </Group>
        <TextInput label="Reason" placeholder="Why is it coming back?" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} />
        <Group gap="xs">
          {REASONS.map((r) => (
            <Button key={r} size="compact-md" variant={reason === r ? 'filled' : 'default'} onClick={() => setReason(r)} h={40}>
              {r}
            </Button>
          ))}
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button size="xl" leftSection={<IconReceiptRefund />} disabled={total <= 0} loading={busy} onClick={() => void submit()}>
          Refund {money(total, sale.currency)}
        </Button>
      </Stack>
    </Modal>
  );
}
