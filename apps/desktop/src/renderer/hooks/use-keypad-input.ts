import { useEffect, useRef } from 'react';
import { useKeySink } from '../app/scan-context';
import { keypadKeyFor, type KeypadKey } from '../format/money';

function typingInField(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

/** Enter on a focused button presses that button (staff tabbed to it); the keypad's Enter is for elsewhere. */
function buttonFocused(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement;
}

/**
 * A physical keyboard drives an on-screen keypad: digits arrive through the scanner's key sink (they are held
 * back for a moment in case they are a scan), Backspace and Enter straight from keydown.
 */
export function useKeypadInput(opts: { enabled?: boolean; onKey(key: KeypadKey): void; onEnter?(): void }): void {
  const enabled = opts.enabled ?? true;
  const latest = useRef(opts);
  latest.current = opts;

  useKeySink((text) => {
    for (const ch of text) {
      const key = keypadKeyFor(ch);
      if (key) latest.current.onKey(key);
    }
  }, enabled);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingInField() || e.defaultPrevented) return;
      if (e.key === 'Backspace' || e.key === 'Delete') {
        e.preventDefault();
        latest.current.onKey(e.key === 'Backspace' ? 'back' : 'clear');
      } else if (e.key === 'Enter' && latest.current.onEnter && !buttonFocused()) {
        e.preventDefault();
        latest.current.onEnter();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
