import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { WEIGHT_ORDER_LIMITS, weightLabel } from '@makeries/shared';
import { useState } from 'react';
import { money } from '../lib/format';
import { quickWeights, readWeight } from '../lib/weight';

interface Props {
  /** the item, for labels and messages */
  name: string;
  grams: number;
  pricePerKgCents: number;
  currency: string;
  /** the most that can be ordered now (stock left); null = only the shared limit */
  maxGrams?: number | null;
  /** called with every weight that can be ordered, or null while the entry cannot be (the input says why) */
  onChange: (grams: number | null) => void;
  /** false on the product page, where the price shows beside the input */
  compact?: boolean;
  disabled?: boolean;
  label?: string;
}

/** Any weight in grams within the shared limits, with its price as you type and one-tap usual weights. */
export function WeightInput({ name, grams, pricePerKgCents, currency, maxGrams = null, onChange, compact = false, disabled = false, label = 'Weight' }: Props) {
  const [typed, setTyped] = useState<string | number>(grams);
  const entry = readWeight(typed, pricePerKgCents, maxGrams, name);
  // the weight changed from outside (the cart lowered it to the stock left): show it, unless it is what is typed
  const [shown, setShown] = useState(grams);
  if (grams !== shown) {
    setShown(grams);
    if (!entry.ok || entry.grams !== grams) setTyped(grams);
  }
  const { minGrams, stepGrams } = WEIGHT_ORDER_LIMITS;
  const limit = maxGrams ?? WEIGHT_ORDER_LIMITS.maxGrams;

  function change(v: string | number) {
    setTyped(v);
    const next = readWeight(v, pricePerKgCents, maxGrams, name);
    onChange(next.ok ? next.grams : null);
  }

  const input = (
    <NumberInput
      label={compact ? undefined : label}
      aria-label={compact ? `Weight of ${name} in grams` : undefined}
      description={compact ? undefined : `${weightLabel(minGrams)} to ${weightLabel(limit)}, in ${stepGrams} g steps`}
      suffix=" g"
      min={minGrams}
      max={limit}
      step={stepGrams * 10}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      thousandSeparator={false}
      inputMode="numeric"
      value={typed}
      onChange={change}
      error={entry.ok ? undefined : entry.problem}
      disabled={disabled}
      size={compact ? 'xs' : 'sm'}
      w={compact ? 110 : 190}
      data-testid="weight-input"
    />
  );
  if (compact) return input;
  return (
    <Stack gap={6}>
      {input}
      <Text size="sm" fw={600} aria-live="polite" data-testid="weight-price">
        {entry.ok ? `${weightLabel(entry.grams)} · ${money(entry.priceCents, currency)}` : ' '}
      </Text>
      <Group gap={6} role="group" aria-label="Usual weights">
        {quickWeights(maxGrams).map((g) => (
          <Button key={g} size="compact-xs" variant={entry.ok && entry.grams === g ? 'filled' : 'default'} onClick={() => change(g)} disabled={disabled}>
            {weightLabel(g)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
