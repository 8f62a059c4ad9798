import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { pressKey, type KeypadKey } from '../format/money';
import { useKeypadInput } from '../hooks/use-keypad-input';
import { Keypad } from './keypad';

const MAX = 8;
const MIN = 4;

interface Props {
  onSubmit: (pin: string) => void;
  busy?: boolean;
  error?: string | null;
  submitLabel?: string;
  /** nothing can be typed yet (e.g. pick a manager first) */
  disabled?: boolean;
  /** ids for tests and labels */
  label: string;
}

/** PIN entry: dots, never digits, on screen; the keyboard works too (digits, Backspace, Enter). */
export function PinPad({ onSubmit, busy, error, submitLabel = 'Unlock', label, disabled }: Props) {
  const [pin, setPin] = useState('');
  const press = (k: KeypadKey) => {
    // a PIN may start with 0, so it is not an amount: keep every digit
    if (k === 'back' || k === 'clear') setPin((p) => pressKey(p, k));
    else if (k !== '00') setPin((p) => (p.length < MAX ? p + k : p));
  };
  const submit = () => {
    if (pin.length < MIN || busy || disabled) return;
    onSubmit(pin);
    setPin('');
  };
  useKeypadInput({ onKey: press, onEnter: submit, enabled: !busy && !disabled });

  return (
    <Stack gap="md" w={320}>
      <Box role="status" aria-label={`${label}: ${pin.length} digits entered`}>
        <Group justify="center" gap={14} h={28}>
          {Array.from({ length: Math.max(MIN, pin.length) }, (_, i) => (
            <Box
              key={i}
              w={18}
              h={18}
              style={{
                borderRadius: '50%',
                border: '2px solid var(--mantine-color-ink-8)',
                background: i < pin.length ? 'var(--mantine-color-ink-8)' : 'transparent',
              }}
            />
          ))}
        </Group>
      </Box>
      <Text c={disabled ? 'ink.7' : 'red.8'} fw={600} ta="center" mih={48} size="md" role={error && !disabled ? 'alert' : undefined}>
        {error ?? ''}
      </Text>
      <Keypad onKey={press} withDoubleZero={false} disabled={busy || disabled} />
      <Button size="xl" leftSection={<IconLockOpen />} onClick={submit} loading={busy} disabled={pin.length < MIN}>
        {submitLabel}
      </Button>
    </Stack>
  );
}
