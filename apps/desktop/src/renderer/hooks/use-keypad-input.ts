import { useEffect, useRef } from 'react';
import { useKeySink } from '../app/scan-context';
import { keypadKeyFor, type KeypadKey } from '../format/money';

function typingInField(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

/**
 * Enter on a button the staff moved to with the keyboard (its focus ring shows) presses that button. A button
 * that merely kept focus after a tap does not: there Enter is the keypad's, as the screen says (a tapped "Card
 * machine" taking the next Enter recorded the rest of a split payment as card).
 */
function keyboardFocusedButton(): boolean {
  const el = document.activeElement;
  return (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement) && el.matches(':focus-visible');
}

/**
 * A physical keyboard drives an on-screen keypad: digits arrive through the scanner's key sink (they are held
 * back for a moment in case they are a scan), Backspace and Enter straight from keydown.
 */
export function useKeypadInput(opts: { enabled?: boolean; onKey: (key: KeypadKey) => void; onEnter?: () => void }): void {
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
      } else if (e.key === 'Enter' && latest.current.onEnter && !keyboardFocusedButton()) {
        e.preventDefault();
        latest.current.onEnter();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
