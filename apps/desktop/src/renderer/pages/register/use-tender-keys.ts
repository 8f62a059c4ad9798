import { useEffect, useRef } from 'react';

/** The tender window's function keys, each shown on its button. Enter (cash) and Esc (back) are handled elsewhere. */
export interface TenderKeys {
  F2?: () => void;
  F3?: () => void;
}

const FUNCTION_KEY = /^F\d{1,2}$/;

/**
 * While the payment dialog is open, F-keys mean tenders, not screens: F2 would otherwise open Orders and F3 the
 * online inbox behind the dialog, throwing the payment away. Captured on the window before the workspace's
 * hotkeys (on <html>) see them, for as long as the dialog is open; a key whose tender is unavailable does nothing.
 */
export function useTenderKeys(keys: TenderKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!FUNCTION_KEY.test(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.repeat) return;
      const action = e.key === 'F2' ? latest.current.F2 : e.key === 'F3' ? latest.current.F3 : undefined;
      action?.();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
