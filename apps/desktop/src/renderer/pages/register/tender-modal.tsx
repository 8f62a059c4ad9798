import { ActionIcon, Alert, Box, Button, Group, Kbd, Loader, Modal, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconCash, IconCreditCard, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { apiQuery, callMutation } from '../../api/hooks';
import type { CartView, SaleView } from '../../api/types';
import { useScanHandler } from '../../app/scan-context';
import { Keypad } from '../../components/keypad';
import { digitsToCents, money, pressKey, type KeypadKey } from '../../format/money';
import { useKeypadInput } from '../../hooks/use-keypad-input';
import { addCard, addCash, cardAmount, outstanding, settle, withReaderPayments, type Step, type UiTender } from './tender-plan';
import { FocusAnchor } from '../../components/focus-anchor';
import { CardTenderButton } from './card-tender-button';
import { inProgress, useCardTender, type CardAttempt } from './card-tender-flow';
import { CardTenderPanel } from './card-tender-panel';

interface Props {
  cart: CartView;
  currency: string;
  onPaid(sale: SaleView): void;
  onClose(): void;
}

const TENDER_NAME: Record<UiTender['kind'], string> = { cash: 'Cash', external_card: 'Card machine', stripe_terminal: 'Card (reader)' };

/**
 * Payment: cash with quick amounts and change, the shop's Stripe card reader, the external card machine, or a
 * mix (split tender). Card payments taken on the reader are kept by the counter, so they are still here after a
 * restart; the sale is recorded with them in one step.
 */
export function TenderModal({ cart, currency, onPaid, onClose }: Props) {
  const info = useQuery({ ...apiQuery('sales.tender'), staleTime: 0 });
  const [tenders, setTenders] = useState<UiTender[]>([]);
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const due = { totalCents: cart.totals.totalCents, cashDueCents: cart.cashDueCents, currency };
  const typed = digitsToCents(digits);

  const complete = async (step: Step) => {
    if ('error' in step) {
      setError(step.error);
      return;
    }
    setError(null);
    setDigits('');
    if (!step.done) {
      setTenders(step.tenders.filter((t) => t.kind !== 'stripe_terminal'));
      return;
    }
    setBusy(true);
    try {
      // the counter adds the card payments taken on the reader itself
      const sale = await callMutation('payments.complete', { cartId: cart.id, tenders: step.sale });
      onPaid(sale);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const completeRef = useRef(complete);
  completeRef.current = complete;
  const tendersRef = useRef(tenders);
  tendersRef.current = tenders;
  const paidRef = useRef<readonly CardAttempt[]>([]);

  // a reader payment that leaves nothing to pay finishes the sale at once
  const onTaken = useCallback(
    (a: CardAttempt) => {
      const reader = [...paidRef.current.filter((p) => p.id !== a.id), a];
      const step = settle(due, withReaderPayments(reader, tendersRef.current));
      if ('done' in step && step.done) void completeRef.current(step);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [due.totalCents, due.cashDueCents, due.currency],
  );
  const card = useCardTender(onTaken);
  paidRef.current = card.paid;
  const all = withReaderPayments(card.paid, tenders);
  const { leftCents, cashLeftCents } = outstanding(due, all);
  const split = all.length > 0;
  const onReader = inProgress(card.shown);

  const cash = (amount = digits === '' ? cashLeftCents : typed) => void complete(addCash(due, all, amount));
  const cardMachine = () => void complete(addCard(due, all, digits === '' ? leftCents : typed));
  const startReader = (amountCents: number | null) => {
    const ok = cardAmount(due, all, amountCents);
    if ('error' in ok) return setError(ok.error);
    setError(null);
    setDigits('');
    void card.start(cart.id, ok.amountCents);
  };
  const press = (k: KeypadKey) => setDigits((d) => pressKey(d, k));
  useKeypadInput({ onKey: press, onEnter: () => cash(), enabled: !busy && card.shown === null });
  useScanHandler(() => setError('Finish or cancel this payment before scanning more items.'));

  const change = digits !== '' && typed > cashLeftCents ? typed - cashLeftCents : 0;

  return (
    <Modal opened onClose={busy || onReader ? () => {} : onClose} withCloseButton={!onReader} size={980} padding="lg" title={<Text fw={700} size="xl">Take payment</Text>} closeOnClickOutside={false}>
      <FocusAnchor />
      <Box style={{ display: 'grid', gridTemplateColumns: '1fr 380px', gap: 28 }}>
        {card.shown ? (
          <CardTenderPanel
            attempt={card.shown}
            currency={currency}
            readerLabel={card.readers.find((r) => r.id === card.shown?.readerId)?.label ?? null}
            error={card.error}
            busy={card.busy || busy}
            onCancel={() => void card.cancel()}
            onCheckAgain={() => void card.checkAgain()}
            onRetry={() => {
              const amount = card.shown?.amountCents ?? null;
              card.dismiss();
              startReader(amount);
            }}
            onDone={card.dismiss}
          />
        ) : (
        <Stack gap="md">
          <Box p="lg" style={{ background: 'var(--mantine-color-ink-9)', color: 'white', borderRadius: 16 }}>
            <Text size="lg" c="ink.2">
              {split ? 'Still to pay' : 'To pay'}
            </Text>
            <Text fz={64} fw={800} lh={1.05} className="money" data-testid="tender-due">
              {money(split ? leftCents : cashLeftCents, currency)}
            </Text>
            {!split && cart.cashRoundingCents !== 0 && (
              <Text size="sm" c="ink.2">
                {money(cart.totals.totalCents, currency)} by card · {money(cart.cashDueCents, currency)} in cash (rounded)
              </Text>
            )}
          </Box>
          <Box h={76}>
            {digits !== '' && (
              <Group justify="space-between" px="xs">
                <Text size="xl" c="ink.8">
                  {change > 0 ? 'Change to give' : 'Amount typed'}
                </Text>
                <Text fz={44} fw={800} c={change > 0 ? 'brand.8' : undefined} className="money" data-testid="tender-change">
                  {money(change > 0 ? change : typed, currency)}
                </Text>
              </Group>
            )}
          </Box>
          {split && (
            <Stack gap={6}>
              <Text fw={700}>Paid so far</Text>
              {all.map((t, i) => (
                <Group key={t.kind === 'stripe_terminal' ? t.attemptId : i} justify="space-between" px="sm" py={6} style={{ background: 'var(--mantine-color-ink-0)', borderRadius: 8 }}>
                  <Text>{TENDER_NAME[t.kind]}</Text>
                  <Group gap="xs">
                    <Text fw={700} className="money">
                      {money(t.amountCents, currency)}
                    </Text>
                    {t.kind === 'stripe_terminal' ? (
                      <Tooltip label="Give this payment back to the customer's card">
                        <ActionIcon variant="subtle" color="red" aria-label="Refund to card" disabled={busy || card.busy} onClick={() => void card.release(t.attemptId)}>
                          <IconArrowBackUp size={20} />
                        </ActionIcon>
                      </Tooltip>
                    ) : (
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove ${TENDER_NAME[t.kind]} payment`} onClick={() => setTenders(tenders.filter((x) => x !== t))}>
                        <IconTrash size={20} />
                      </ActionIcon>
                    )}
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
          <Text size="sm" fw={600} c="ink.7">
            Quick cash
          </Text>
          <SimpleGrid cols={3} spacing="sm">
            {info.isPending && <Loader size="sm" />}
            {(split ? [cashLeftCents] : (info.data?.quickCash ?? [])).map((c, i) => (
              <Button key={c} h={64} variant={i === 0 ? 'light' : 'default'} onClick={() => cash(c)} disabled={busy || c <= 0} aria-label={`Cash ${money(c, currency)}${i === 0 ? ' exact' : ''}`}>
                <Stack gap={0} align="center">
                  {i === 0 && (
                    <Text size="xs" fw={700} tt="uppercase" lh={1}>
                      exact
                    </Text>
                  )}
                  <Text fz={22} fw={700} className="money" lh={1.2}>
                    {money(c, currency)}
                  </Text>
                </Stack>
              </Button>
            ))}
          </SimpleGrid>
          {(error ?? card.error) && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {error ?? card.error}
            </Alert>
          )}
        </Stack>
        )}
        <Stack gap="sm">
          <Text fz={40} fw={800} ta="right" px="md" className="money" style={{ border: '2px solid var(--mantine-color-ink-3)', borderRadius: 12, minHeight: 64 }} aria-label="Amount handed over">
            {digits === '' ? <Text span c="ink.4" fz={28}>type an amount</Text> : money(typed, currency)}
          </Text>
          <Keypad onKey={press} height={56} disabled={busy || card.shown !== null} />
          <Button size="xl" h={68} leftSection={<IconCash size={28} />} onClick={() => cash()} loading={busy} disabled={card.shown !== null} rightSection={<Kbd>Enter</Kbd>} aria-label="Cash (Enter)">
            Cash
          </Button>
          <CardTenderButton card={card} disabled={busy || card.shown !== null} onStart={() => startReader(digits === '' ? null : typed)} />
          <Button size="md" h={60} px="xs" variant="default" leftSection={<IconCreditCard size={20} />} onClick={cardMachine} disabled={busy || card.shown !== null}>
            Card machine (external)
          </Button>
          <Text size="xs" c="ink.7">
            Card machine: take the payment on it first, then record it here. To split, type the card amount first.
          </Text>
        </Stack>
      </Box>
    </Modal>
  );
}
