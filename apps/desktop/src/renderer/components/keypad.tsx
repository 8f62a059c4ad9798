import { Button, SimpleGrid } from '@mantine/core';
import { IconBackspace } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import type { KeypadKey } from '../format/money';

const KEYS: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '0', 'back'];

/** Taps on keys leave focus where it was (the dialog's anchor), so Enter keeps meaning the dialog's default. */
const keepFocus = (e: MouseEvent) => e.preventDefault();

/** A till keypad: big keys for thumbs. `withDoubleZero` false swaps 00 for an empty slot (PINs). */
export function Keypad({ onKey, withDoubleZero = true, height = 64, disabled }: { onKey: (key: KeypadKey) => void; withDoubleZero?: boolean; height?: number; disabled?: boolean }) {
  return (
    <SimpleGrid cols={3} spacing={10} verticalSpacing={10}>
      {KEYS.map((k) =>
        k === '00' && !withDoubleZero ? (
          <Button key={k} h={height} variant="default" onClick={() => onKey('clear')} onMouseDown={keepFocus} disabled={disabled} fz="md" tabIndex={-1}>
            Clear
          </Button>
        ) : (
          <Button
            key={k}
            h={height}
            variant="default"
            fz={26}
            fw={600}
            onClick={() => onKey(k)}
            onMouseDown={keepFocus}
            disabled={disabled}
            aria-label={k === 'back' ? 'Delete last digit' : k}
            className="tabular"
            tabIndex={-1}
          >
            {k === 'back' ? <IconBackspace size={28} /> : k}
          </Button>
        ),
      )}
    </SimpleGrid>
  );
}
