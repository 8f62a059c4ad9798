import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { attachScanner } from '../scanner/attach';

/*
 * One keyboard-wedge scanner listener for the whole app (scanner/attach.ts tells scans from typing). A scan
 * goes to the newest registered handler: the register adds the item, the orders page looks the receipt up, an
 * open payment dialog refuses it. Keys that turn out to be typing are given back: into the focused field, or,
 * when no field has focus, to the newest "key sink" (a PIN pad, the cash keypad, the register's search box).
 */

type Handler = (text: string) => void;

interface Registry {
  scans: { current: Handler }[];
  sinks: { current: Handler }[];
}

const ScanContext = createContext<Registry | null>(null);

function isEditable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) {
    const typing = ['text', 'search', 'tel', 'email', 'number', 'password', 'url', ''].includes(el.type);
    return typing && !el.readOnly && !el.disabled;
  }
  return el instanceof HTMLElement && el.isContentEditable;
}

export function ScanProvider({ children, onUnhandled }: { children: ReactNode; onUnhandled?: (code: string) => void }) {
  const registry = useMemo<Registry>(() => ({ scans: [], sinks: [] }), []);
  const unhandled = useRef(onUnhandled);
  unhandled.current = onUnhandled;

  useEffect(
    () =>
      attachScanner(window, {
        onScan: (code) => {
          const handler = registry.scans.at(-1);
          if (handler) handler.current(code);
          else unhandled.current?.(code);
        },
        replay: (text) => {
          // the only way to type into the focused field as the keyboard would (at the caret, with an `input` event
          // React's onChange sees, and one undo step); Chromium keeps supporting it and no replacement does all three
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
          if (isEditable(document.activeElement)) document.execCommand('insertText', false, text);
          else registry.sinks.at(-1)?.current(text);
        },
      }),
    [registry],
  );

  return <ScanContext.Provider value={registry}>{children}</ScanContext.Provider>;
}

function useRegistration(list: 'scans' | 'sinks', handler: Handler, enabled: boolean): void {
  const registry = useContext(ScanContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !enabled) return;
    const entry = { current: (text: string) => ref.current(text) };
    registry[list].push(entry);
    return () => {
      const i = registry[list].indexOf(entry);
      if (i >= 0) registry[list].splice(i, 1);
    };
  }, [registry, list, enabled]);
}

/** Receives scans while mounted (and enabled); the newest registration wins. */
export function useScanHandler(handler: (code: string) => void, enabled = true): void {
  useRegistration('scans', handler, enabled);
}

/** Receives typed characters when no text field has focus (a keypad on screen); the newest wins. */
export function useKeySink(sink: (text: string) => void, enabled = true): void {
  useRegistration('sinks', sink, enabled);
}
