import type { Ref } from 'react';

/**
 * Where a keypad dialog puts focus when it opens, and again after each step: not a button (Enter would press
 * it, or close the dialog) and not a field, so typed digits and Enter go to the dialog's keypad.
 */
export function FocusAnchor({ ref }: { ref?: Ref<HTMLDivElement> }) {
  return <div ref={ref} tabIndex={-1} data-autofocus aria-hidden style={{ outline: 'none', width: 0, height: 0, overflow: 'hidden' }} />;
}
