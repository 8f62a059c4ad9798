import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { parseMoney, refundAmount, uuidv7, type AdminOrderDetail } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC, useTRPCClient } from '../../../app/api';
import { money, quantityLabel } from '../../../lib/format';

type Mode = 'amount' | 'lines';

interface Planned {
  amountCents: number;
  lines: { lineId: string; quantity: number }[] | null;
}

/** What the form asks for, in minor units; a message instead when it cannot be refunded as typed. */
function plan(detail: AdminOrderDetail, mode: Mode, amountText: string, qty: Record<string, number>): Planned | string {
  const currency = detail.order.currency;
  if (mode === 'amount') {
    let cents: number;
    try {
      cents = parseMoney(amountText, currency);
    } catch (e) {
      return e instanceof Error ? e.message : 'Type an amount like 12.50.';
    }
    if (cents <= 0) return 'Type an amount above zero.';
    if (cents > detail.refundableCents) return `At most ${money(detail.refundableCents, currency)} is left to refund.`;
    return { amountCents: cents, lines: null };
  }
  const lines = detail.lines.filter((l) => (qty[l.id] ?? 0) > 0).map((l) => ({ lineId: l.id, quantity: qty[l.id] ?? 0 }));
  if (lines.length === 0) return 'Choose how many of which items to refund.';
  const cents = detail.lines.reduce((sum, l) => sum + refundAmount(l, qty[l.id] ?? 0), 0);
  return { amountCents: cents, lines };
}

/**
 * Refund on the marketplace's behalf: an amount or some items, a reason (kept in the audit log and sent to the
 * shop), then a confirmation saying where the money comes from. The idempotency key is minted when the dialog
 * opens, so a double click or a retry after a lost answer refunds once.
 */
export function RefundModal({ detail, onClose, onDone }: { detail: AdminOrderDetail; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [key] = useState(() => uuidv7());
  const [mode, setMode] = useState<Mode>('amount');
  const [amountText, setAmountText] = useState('');
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const o = detail.order;
  const planned = plan(detail, mode, amountText, qty);
  const from = detail.refundFromTransfer ? `taken back from ${o.shop.name}'s share` : 'paid by the marketplace (the shop has not been paid for this order yet)';

  function review() {
    setError(null);
    if (typeof planned === 'string') {
      setError(planned);
      return;
    }
    if (!reason.trim()) {
      setError('Say why: the reason goes to the shop and into the audit log.');
      return;
    }
    setConfirming(true);
  }

  async function send() {
    if (typeof planned === 'string') return;
    setBusy(true);
    setError(null);
    try {
      const r = await client.admin.orders.refund.mutate({
        orderId: o.id,
        idempotencyKey: key,
        reason: reason.trim(),
        ...(planned.lines ? { lines: planned.lines } : { amountCents: planned.amountCents }),
      });
      await queryClient.invalidateQueries(trpc.admin.orders.detail.queryFilter({ orderId: o.id }));
      onDone(
        r.status === 'succeeded'
          ? `Refunded ${money(r.amountCents, o.currency)} to the customer's card.${r.reversedCents > 0 ? ` ${money(r.reversedCents, o.currency)} was taken back from the shop's transfer.` : ''} The customer and the shop were emailed.`
          : `The refund of ${money(r.amountCents, o.currency)} is ${r.status} at Stripe.`,
      );
      onClose();
    } catch (e) {
      setError(failureOf(e).message || 'The refund did not go through. Check your connection and try again.');
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Refund order ${o.number}`} size="lg">
      {confirming && typeof planned !== 'string' ? (
        <Stack gap="md">
          <Text>
            Refund <b>{money(planned.amountCents, o.currency)}</b> to {o.customerName ?? 'the customer'}'s card? It is {from}.
          </Text>
          <Text size="sm" c="dimmed">
            Reason: {reason.trim()}
          </Text>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
              Back
            </Button>
            <Button color="red" loading={busy} onClick={() => void send()}>
              Refund {money(planned.amountCents, o.currency)}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">Left to refund: {money(detail.refundableCents, o.currency)}</Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v === 'lines' ? 'lines' : 'amount')}
            data={[
              { value: 'amount', label: 'An amount' },
              { value: 'lines', label: 'Items' },
            ]}
          />
          {mode === 'amount' ? (
            <TextInput label="Amount to refund" placeholder="4.50" inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.currentTarget.value)} />
          ) : (
            <Stack gap="xs">
              {detail.lines.map((l) => {
                const left = l.quantity - l.refundedQuantity;
                return (
                  <Group key={l.id} justify="space-between" wrap="nowrap">
                    <Text size="sm" style={{ flex: 1 }}>
                      {l.name} — {quantityLabel(left, l.soldBy)} left
                    </Text>
                    <NumberInput
                      w={110}
                      aria-label={`How many ${l.name} to refund`}
                      min={0}
                      max={left}
                      allowDecimal={false}
                      value={qty[l.id] ?? 0}
                      disabled={left <= 0}
                      onChange={(v) => setQty({ ...qty, [l.id]: Math.min(left, Math.max(0, Number(v) || 0)) })}
                    />
                  </Group>
                );
              })}
              {typeof planned !== 'string' && <Text size="sm">Refund: {money(planned.amountCents, o.currency)}</Text>}
            </Stack>
          )}
          <Textarea label="Reason" description="Sent to the shop and kept in the audit log" required autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" onClick={review}>
              Review refund
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
