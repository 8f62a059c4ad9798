import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { discountProblem, type DiscountScope } from '@makeries/shared';
import { useState } from 'react';
import { centsToDigits, digitsToCents, money, percentOfText, pressKey, type KeypadKey } from '../format/money';
import { useKeypadInput } from '../hooks/use-keypad-input';
import { Keypad } from './keypad';

export type Discount = { kind: 'percent'; bps: number } | { kind: 'amount'; amountCents: number };

const QUICK_PERCENTS = [5, 10, 15, 20, 25, 50];

interface Props {
  /** what the discount applies to, for the preview */
  baseCents: number;
  currency: string;
  /** what the discount comes off, for the message when it is too large */
  scope?: DiscountScope;
  current: Discount | null;
  busy?: boolean;
  onApply: (discount: Discount | null) => void;
}

/** Percent (quick buttons) or an amount typed on the keypad; shows what comes off before applying it. */
export function DiscountForm({ baseCents, currency, scope = 'sale', current, busy, onApply }: Props) {
  const [kind, setKind] = useState<'percent' | 'amount'>(current?.kind ?? 'percent');
  const [bps, setBps] = useState(current?.kind === 'percent' ? current.bps : 1000);
  const [digits, setDigits] = useState(current?.kind === 'amount' ? centsToDigits(current.amountCents) : '');
  const amount = digitsToCents(digits);
  const off = kind === 'percent' ? Math.round((baseCents * bps) / 10_000) : Math.min(amount, baseCents);
  // the core's own rule and words: a discount larger than what it comes off is refused, never cut to fit
  const tooLarge = kind === 'amount' && amount > 0 ? discountProblem({ kind, amountCents: amount }, baseCents, scope, currency) : null;
  const valid = kind === 'percent' ? bps > 0 && bps <= 10_000 : amount > 0 && !tooLarge;
  const press = (k: KeypadKey) => setDigits((d) => pressKey(d, k));
  useKeypadInput({ onKey: press, enabled: kind === 'amount' && !busy });

  return (
    <Stack gap="md">
      <SegmentedControl
        fullWidth
        value={kind}
        onChange={(v) => setKind(v === 'amount' ? 'amount' : 'percent')}
        data={[
          { value: 'percent', label: 'Percent off' },
          { value: 'amount', label: 'Amount off' },
        ]}
      />
      {kind === 'percent' ? (
        <SimpleGrid cols={3} spacing="sm">
          {QUICK_PERCENTS.map((p) => (
            <Button key={p} h={64} fz={22} variant={bps === p * 100 ? 'filled' : 'default'} onClick={() => setBps(p * 100)}>
              {p}%
            </Button>
          ))}
        </SimpleGrid>
      ) : (
        <Stack gap="sm">
          <Text fz={40} fw={800} ta="right" className="money" px="sm" style={{ border: '1px solid var(--mantine-color-ink-2)', borderRadius: 8 }}>
            {money(amount, currency)}
          </Text>
          <Keypad onKey={press} height={56} />
        </Stack>
      )}
      <Text size="lg" ta="center">
        {valid ? (
          <>
            Takes <b className="money">{money(off, currency)}</b> off {money(baseCents, currency)}
            {kind === 'percent' ? ` (${percentOfText(bps)})` : ''}
          </>
        ) : tooLarge ? (
          <Text span c="red.8" fw={600} role="alert" data-testid="discount-too-large">
            {tooLarge.message}
          </Text>
        ) : (
          'Choose how much to take off.'
        )}
      </Text>
      <Group grow>
        {current && (
          <Button variant="default" color="red" onClick={() => onApply(null)} loading={busy}>
            Remove discount
          </Button>
        )}
        <Button onClick={() => onApply(kind === 'percent' ? { kind, bps } : { kind, amountCents: amount })} disabled={!valid} loading={busy}>
          Apply discount
        </Button>
      </Group>
    </Stack>
  );
}
