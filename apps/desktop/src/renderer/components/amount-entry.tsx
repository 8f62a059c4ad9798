import { Stack, Text } from '@mantine/core';
import { money, pressKey, type KeypadKey } from '../format/money';
import { digitsToCents } from '../format/money';
import { useKeypadInput } from '../hooks/use-keypad-input';
import { Keypad } from './keypad';

interface Props {
  digits: string;
  onChange: (digits: string) => void;
  currency: string;
  onEnter?: () => void;
  label: string;
  disabled?: boolean;
}

/** An amount on a till keypad (and the keyboard): the big figure above, the keys below. */
export function AmountEntry({ digits, onChange, currency, onEnter, label, disabled }: Props) {
  const press = (k: KeypadKey) => onChange(pressKey(digits, k));
  useKeypadInput({ onKey: press, enabled: !disabled, ...(onEnter ? { onEnter } : {}) });
  return (
    <Stack gap="sm">
      <Text
        fz={40}
        fw={800}
        ta="right"
        px="md"
        className="money"
        aria-label={label}
        data-testid="amount-entry"
        style={{ border: '2px solid var(--mantine-color-ink-3)', borderRadius: 12 }}
      >
        {money(digitsToCents(digits), currency)}
      </Text>
      <Keypad onKey={press} height={58} disabled={disabled} />
    </Stack>
  );
}
