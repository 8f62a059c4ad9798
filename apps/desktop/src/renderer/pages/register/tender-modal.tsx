import { Alert, Box, Button, Group, Kbd, Loader, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft } from '@tabler/icons-react';
import { tenderFormSchema } from '@makeries/shared';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { CartView, SaleView } from '../../api/types';
import { useScanHandler } from '../../app/scan-context';
import { FocusAnchor } from '../../components/focus-anchor';
import { digitsToCents, money, pressKey, type KeypadKey } from '../../format/money';
import { useKeypadInput } from '../../hooks/use-keypad-input';
import { inProgress, readerUsable, useCardTender, type CardAttempt } from './card-tender-flow';
import { CardTenderPanel } from './card-tender-panel';
import { TenderActions } from './tender-actions';
import { TenderPaidList } from './tender-paid-list';
import { addCard, addCash, cardAmount, outstanding, settle, withReaderPayments, type Step, type UiTender } from './tender-plan';
import { useTenderKeys } from './use-tender-keys';

interface Props {
  cart: CartView;
  currency: string;
  onPaid: (sale: SaleView) => void;
  onClose: () => void;
}

/** The dialog's form: keypad digits and its own part payments (the reader's come from the counter). */
type TenderValues = { digits: string; tenders: UiTender[] };

/** The one message the dialog shows: what the plan refused, what the form found, or what the counter said. */
const firstError = (errors: Record<string, unknown>): string | null => {
  const first = Object.values(errors).find((e) => typeof e === 'string' && e !== '');
  return typeof first === 'string' ? first : null;
};

/**
 * Payment: cash with quick amounts and change, the shop's Stripe card reader, the external card machine, or a
 * mix (split tender). Card payments taken on the reader are kept by the counter, so they are still here after a
 * restart; the sale is recorded with them in one step. Every key is on its button (Enter cash, F2 card machine,
 * F3 card reader, Esc back), and after each part payment focus returns to the dialog itself, so a button the
 * cashier just tapped never takes the next Enter: what is recorded is always the method the cashier chose.
 * The typed amount and the part payments are one @mantine/form checked with the shared tender schema before
 * the sale is sent; errors stay until the next payment attempt, as the cashier types.
 */
export function TenderModal({ cart, currency, onPaid, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const info = useQuery(trpc.sales.tender.queryOptions(undefined, { staleTime: 0 }));
  const form = useForm<TenderValues>({
    initialValues: { digits: '', tenders: [] },
    validate: zod4Resolver(tenderFormSchema, { errorPriority: 'first' }),
    clearInputErrorOnChange: false,
  });
  const { digits, tenders } = form.values;
  const setError = (message: string | null) => (message === null ? form.clearErrors() : form.setErrors({ tenders: message }));
  const setDigits = (next: string | ((d: string) => string)) => form.setFieldValue('digits', next);
  const setTenders = (next: UiTender[]) => form.setFieldValue('tenders', next);
  const [busy, setBusy] = useState(false);
  const due = { totalCents: cart.totals.totalCents, cashIncrementCents: cart.cashIncrementCents, currency };
  const typed = digitsToCents(digits);
  const anchor = useRef<HTMLDivElement>(null);
  const refocus = () => anchor.current?.focus();

  const complete = async (step: Step) => {
    refocus();
    if ('error' in step) {
      setError(step.error);
      return;
    }
    setError(null);
    setDigits('');
    const before = form.getValues().tenders;
    setTenders(step.tenders.filter((t) => t.kind !== 'stripe_terminal'));
    const invalid = form.validate().hasErrors;
    // a refused payment is not listed, and the last one goes with the sale (React shows the list as it ends here)
    if (invalid || step.done) setTenders(before);
    if (invalid || !step.done) return;
    setBusy(true);
    try {
      // the counter adds the card payments taken on the reader itself
      const sale = await client.payments.complete.mutate({ cartId: cart.id, tenders: step.sale });
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
    [due.totalCents, due.cashIncrementCents, due.currency],
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
    refocus();
    const ok = cardAmount(due, all, amountCents);
    if ('error' in ok) {
      setError(ok.error);
      return;
    }
    setError(null);
    setDigits('');
    void card.start(cart.id, ok.amountCents);
  };
  const press = (k: KeypadKey) => setDigits((d) => pressKey(d, k));
  const ready = !busy && card.shown === null;
  useKeypadInput({ onKey: press, onEnter: () => cash(), enabled: ready });
  useTenderKeys({
    F2: ready ? cardMachine : undefined,
    F3: ready && readerUsable(card) ? () => startReader(digits === '' ? null : typed) : undefined,
  });
  useScanHandler(() => setError('Finish or cancel this payment before scanning more items.'));

  const change = digits !== '' && typed > cashLeftCents ? typed - cashLeftCents : 0;
  const quickCash = split ? [cashLeftCents] : (info.data?.quickCash ?? []);
  const shownError = firstError(form.errors) ?? card.error;

  return (
    <Modal.Root opened onClose={busy || onReader ? () => {} : onClose} size={980} centered radius="lg" padding="lg" closeOnClickOutside={false}>
      <Modal.Overlay backgroundOpacity={0.45} blur={2} />
      <Modal.Content>
        <Modal.Header py="sm">
          <Modal.Title fw={700} fz="xl">
            Take payment
          </Modal.Title>
          {!onReader && (
            <Button variant="default" size="md" h={44} leftSection={<IconArrowLeft size={20} />} rightSection={<Kbd>Esc</Kbd>} onClick={onClose} disabled={busy}>
              Back to sale
            </Button>
          )}
        </Modal.Header>
        <Modal.Body>
          <FocusAnchor ref={anchor} />
          <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', gap: 24 }}>
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
                onDone={() => {
                  card.dismiss();
                  refocus();
                }}
              />
            ) : (
              <Stack gap="sm">
                <Box px="lg" py="md" style={{ background: 'var(--mantine-color-ink-9)', color: 'white', borderRadius: 16 }}>
                  <Text size="lg" c="ink.1">
                    {split ? 'Still to pay' : 'To pay'}
                  </Text>
                  <Text fz={56} fw={800} lh={1.05} className="money" data-testid="tender-due">
                    {money(split ? leftCents : cashLeftCents, currency)}
                  </Text>
                  {!split && cart.cashRoundingCents !== 0 && (
                    <Text size="sm" c="ink.1">
                      {money(cart.totals.totalCents, currency)} by card · {money(cart.cashDueCents, currency)} in cash (rounded)
                    </Text>
                  )}
                </Box>
                <Group justify="space-between" px="xs" h={56} wrap="nowrap">
                  {digits !== '' && (
                    <>
                      <Text size="xl" c="ink.9">
                        {change > 0 ? 'Change to give' : 'Amount typed'}
                      </Text>
                      <Text fz={40} fw={800} c={change > 0 ? 'brand.8' : undefined} className="money" data-testid="tender-change">
                        {money(change > 0 ? change : typed, currency)}
                      </Text>
                    </>
                  )}
                </Group>
                {split && (
                  <TenderPaidList
                    tenders={all}
                    currency={currency}
                    busy={busy || card.busy}
                    onRemove={(t) => {
                      setTenders(tenders.filter((x) => x !== t));
                      refocus();
                    }}
                    onRelease={(id) => void card.release(id)}
                  />
                )}
                <Text size="sm" fw={700} c="ink.9">
                  Quick cash
                </Text>
                <SimpleGrid cols={3} spacing="sm">
                  {info.isPending && <Loader size="sm" />}
                  {quickCash.map((c, i) => (
                    <Button key={c} h={60} variant={i === 0 ? 'light' : 'default'} onClick={() => cash(c)} disabled={busy || c <= 0}>
                      <Stack gap={0} align="center">
                        <Text fz={22} fw={700} className="money" lh={1.2}>
                          <span className="visually-hidden">Cash </span>
                          {money(c, currency)}
                        </Text>
                        {i === 0 && (
                          <Text size="xs" fw={700} tt="uppercase" lh={1}>
                            {' '}
                            exact
                          </Text>
                        )}
                      </Stack>
                    </Button>
                  ))}
                </SimpleGrid>
                {shownError && (
                  <Alert color="red" icon={<IconAlertCircle />} role="alert">
                    {shownError}
                  </Alert>
                )}
              </Stack>
            )}
            <TenderActions
              currency={currency}
              typedCents={digits === '' ? null : typed}
              cashCents={cashLeftCents}
              cardCents={leftCents}
              split={split}
              busy={busy}
              card={card}
              onKey={press}
              onCash={() => cash()}
              onCardMachine={cardMachine}
              onReader={() => startReader(digits === '' ? null : typed)}
            />
          </Box>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
