import { Button, Modal, Stack, Text } from '@mantine/core';
import { mulCents } from '@makeries/shared';
import { useState } from 'react';
import { digitsToCents, money, pressKey, quantityText, type KeypadKey } from '../../format/money';
import { useKeypadInput } from '../../hooks/use-keypad-input';
import { Keypad } from '../../components/keypad';
import { FocusAnchor } from '../../components/focus-anchor';

interface Props {
  name: string;
  pricePerKgCents: number;
  currency: string;
  onAdd: (grams: number) => void;
  onClose: () => void;
}

/** Weighed goods without a scale label: type the grams the scale shows. */
export function WeightModal({ name, pricePerKgCents, currency, onAdd, onClose }: Props) {
  const [digits, setDigits] = useState('');
  const grams = digitsToCents(digits);
  const press = (k: KeypadKey) => setDigits((d) => pressKey(d, k));
  const add = () => {
    if (grams > 0) onAdd(grams);
  };
  useKeypadInput({ onKey: press, onEnter: add });
  return (
    <Modal opened onClose={onClose} size="sm" title={<Text fw={700} size="xl">Weigh {name}</Text>}>
      <FocusAnchor />
      <Stack>
        <Text fz={40} fw={800} ta="right" className="tabular" px="sm" style={{ border: '1px solid var(--mantine-color-ink-2)', borderRadius: 8 }}>
          {quantityText(grams, 'weight')}
        </Text>
        <Text ta="right" c="ink.7" className="money">
          {money(pricePerKgCents, currency)}/kg → {money(grams > 0 ? mulCents(pricePerKgCents, grams, 1000) : 0, currency)}
        </Text>
        <Keypad onKey={press} height={56} />
        <Button size="xl" onClick={add} disabled={grams <= 0}>
          Add {grams > 0 ? quantityText(grams, 'weight') : ''}
        </Button>
      </Stack>
    </Modal>
  );
}
