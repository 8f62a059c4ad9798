import { ActionIcon, Alert, Box, Button, Group, Kbd, Loader, Modal, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCash, IconCreditCard, IconTrash, IconWifiOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { apiQuery, callMutation } from '../../api/hooks';
import type { CartView, SaleView } from '../../api/types';
import { useScanHandler } from '../../app/scan-context';
import { Keypad } from '../../components/keypad';
import { digitsToCents, money, pressKey, type KeypadKey } from '../../format/money';
import { useKeypadInput } from '../../hooks/use-keypad-input';
import { addCard, addCash, outstanding, type Step, type UiTender } from './tender-plan';
import { FocusAnchor } from '../../components/focus-anchor';

interface Props {
  cart: CartView;
  currency: string;
  onPaid(sale: SaleView): void;
  onClose(): void;
}

const TENDER_NAME: Record<UiTender['kind'], string> = { cash: 'Cash', external_card: 'Card machine' };

/** Payment: cash with quick amounts and change, the external card terminal, or both (split tender). */
export function TenderModal({ cart, currency, onPaid, onClose }: Props) {
  const info = useQuery({ ...apiQuery('sales.tender'), staleTime: 0 });
  const [tenders, setTenders] = useState<UiTender[]>([]);
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const due = { totalCents: cart.totals.totalCents, cashDueCents: cart.cashDueCents, currency };
  const { leftCents, cashLeftCents } = outstanding(due, tenders);
  const typed = digitsToCents(digits);
  const split = tenders.length > 0;
  const stripe = info.data?.options.find((o) => o.kind === 'stripe_terminal');

  const complete = async (step: Step) => {
    if ('error' in step) {
      setError(step.error);
      return;
    }
    setError(null);
    setDigits('');
    if (!step.done) {
      setTenders(step.tenders);
      return;
    }
    setBusy(true);
    try {
      const sale = await callMutation('sales.complete', { cartId: cart.id, tenders: step.sale });
      onPaid(sale);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const cash = (amount = digits === '' ? cashLeftCents : typed) => void complete(addCash(due, tenders, amount));
  const card = () => void complete(addCard(due, tenders, digits === '' ? leftCents : typed));
  const press = (k: KeypadKey) => setDigits((d) => pressKey(d, k));
  useKeypadInput({ onKey: press, onEnter: () => cash(), enabled: !busy });
  useScanHandler(() => setError('Finish or cancel this payment before scanning more items.'));

  const change = digits !== '' && typed > cashLeftCents ? typed - cashLeftCents : 0;

  return (
    <Modal opened onClose={busy ? () => {} : onClose} size={980} padding="lg" title={<Text fw={700} size="xl">Take payment</Text>} closeOnClickOutside={false}>
      <FocusAnchor />
      <Box style={{ display: 'grid', gridTemplateColumns: '1fr 380px', gap: 28 }}>
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
              {tenders.map((t, i) => (
                <Group key={i} justify="space-between" px="sm" py={6} style={{ background: 'var(--mantine-color-ink-0)', borderRadius: 8 }}>
                  <Text>{TENDER_NAME[t.kind]}</Text>
                  <Group gap="xs">
                    <Text fw={700} className="money">
                      {money(t.amountCents, currency)}
                    </Text>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${TENDER_NAME[t.kind]} payment`} onClick={() => setTenders(tenders.filter((_, j) => j !== i))}>
                      <IconTrash size={20} />
                    </ActionIcon>
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
          {error && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert">
              {error}
            </Alert>
          )}
        </Stack>
        <Stack gap="sm">
          <Text fz={40} fw={800} ta="right" px="md" className="money" style={{ border: '2px solid var(--mantine-color-ink-3)', borderRadius: 12, minHeight: 64 }} aria-label="Amount handed over">
            {digits === '' ? <Text span c="ink.4" fz={28}>type an amount</Text> : money(typed, currency)}
          </Text>
          <Keypad onKey={press} height={60} disabled={busy} />
          <Button size="xl" h={68} leftSection={<IconCash size={28} />} onClick={() => cash()} loading={busy} rightSection={<Kbd>Enter</Kbd>} aria-label="Cash (Enter)">
            Cash
          </Button>
          <SimpleGrid cols={2} spacing="sm">
            <Button size="md" h={60} px="xs" variant="default" leftSection={<IconCreditCard size={20} />} onClick={card} disabled={busy}>
              Card machine
            </Button>
            <Tooltip label={stripe?.reason ?? 'Stripe Terminal is not set up for this shop yet'}>
              <Box>
                <Button size="md" h={60} px="xs" fullWidth variant="default" disabled leftSection={stripe?.available === false ? <IconWifiOff size={20} /> : <IconCreditCard size={20} />}>
                  {stripe?.available === false ? 'Stripe offline' : 'Stripe reader'}
                </Button>
              </Box>
            </Tooltip>
          </SimpleGrid>
          <Text size="sm" c="ink.7">
            Card machine: take the payment on the shop’s card machine first, then record it here. To split, type the card amount first.
          </Text>
        </Stack>
      </Box>
    </Modal>
  );
}
