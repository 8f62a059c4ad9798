import { createBurstClassifier, type BurstClassifierOptions } from './burst-classifier';

/*
 * The DOM side of the keyboard-wedge scanner: one capturing keydown listener on the window, so scans reach the
 * register wherever focus is. Structural types only, so this module loads (and is tested) without a DOM.
 */

export interface KeyEventLike {
  key: string;
  /** ms on the same clock as performance.now() */
  timeStamp: number;
  repeat?: boolean;
  isComposing?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  preventDefault(): void;
  stopImmediatePropagation(): void;
}

export interface WindowLike {
  addEventListener(type: 'keydown' | 'blur', listener: (e: KeyEventLike) => void, options: { capture: boolean }): void;
  removeEventListener(type: 'keydown' | 'blur', listener: (e: KeyEventLike) => void, options: { capture: boolean }): void;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  performance: { now(): number };
  document: { execCommand?(command: string, showUi?: boolean, value?: string): boolean };
}

export type AttachOptions = Omit<BurstClassifierOptions, 'onPassthrough'> & {
  /** types given-back keys into the focused field; default: the browser's insertText (inputs, textareas, contenteditable) */
  replay?: (text: string) => void;
};

/** Starts listening; returns the function that stops (and gives back anything still held). */
export function attachScanner(win: WindowLike, opts: AttachOptions): () => void {
  const replay = opts.replay ?? ((text: string) => void win.document.execCommand?.('insertText', false, text));
  const classifier = createBurstClassifier({ ...opts, onPassthrough: (keys) => replay(keys.join('')) });
  let timer: number | null = null;

  const arm = () => {
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
    const at = classifier.deadline();
    if (at === null) return;
    timer = win.setTimeout(() => {
      timer = null;
      classifier.tick(win.performance.now());
      arm();
    }, Math.max(0, at - win.performance.now()));
  };

  const onKeyDown = (e: KeyEventLike) => {
    if (e.isComposing) return;
    // shortcuts (Ctrl+F, Alt+Tab) are never scanner input: a name longer than one character breaks the burst
    const key = e.ctrlKey || e.metaKey || e.altKey ? `Modified+${e.key}` : e.key;
    const { swallow } = classifier.onKey(key, e.timeStamp, { repeat: e.repeat ?? false });
    if (swallow) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    arm();
  };
  const onBlur = () => {
    classifier.flush();
    arm();
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  win.addEventListener('blur', onBlur, { capture: true });
  return () => {
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    win.removeEventListener('blur', onBlur, { capture: true });
    classifier.flush();
    if (timer !== null) win.clearTimeout(timer);
  };
}
