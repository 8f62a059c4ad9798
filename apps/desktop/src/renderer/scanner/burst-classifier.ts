/**
 * Tells a keyboard-wedge barcode scanner from a person typing, by timing (DESIGN §5). A scanner "types" a whole
 * code in a burst — every key a few ms after the previous one — usually ended by Enter; people are slower and
 * uneven. Pure state machine: the caller feeds key events with their timestamps (ms) and runs a timer for
 * `deadline()`; nothing here touches the DOM, so it is tested with synthetic timings.
 *
 * Every printable key is held back (`swallow: true`) until its fate is known. A burst of at least `minLength`
 * characters becomes `onScan(code)` and its keys never reach the focused field; anything else is handed back,
 * in order, through `onPassthrough(keys)` for the caller to type into the field. A held key costs at most
 * `maxGapMs` of delay, which nobody notices while typing.
 */

export interface BurstClassifierOptions {
  /** fewest code characters (after the prefix) that make a scan; default 6 */
  minLength?: number;
  /** longest pause between two keys of one burst, in ms; default 35 */
  maxGapMs?: number;
  /** characters the scanner sends before each code; when set, only bursts starting with them are scans */
  prefix?: string;
  /** the key that ends a scan ('Enter', 'Tab' or a character); null: scans end by the pause alone. Default 'Enter' */
  suffix?: string | null;
  /** a suffix this long after a scan that ended by its pause still belongs to it (swallowed); default 3 × maxGapMs */
  lateSuffixMs?: number;
  onScan(code: string, how: { endedBy: 'suffix' | 'pause' }): void;
  /** keys that turned out to be typing, oldest first: give them back to the focused field */
  onPassthrough(keys: string[]): void;
}

interface KeyDecision {
  /** true: stop the key from reaching the page now (it is part of a scan, or held until that is known) */
  swallow: boolean;
}

export interface BurstClassifier {
  /** one keydown; `repeat` (a held-down key) is never a scanner */
  onKey(key: string, time: number, opts?: { repeat?: boolean }): KeyDecision;
  /** the time at which `tick` should run if no key arrives first, or null when nothing is held */
  deadline(): number | null;
  /** ends a burst whose pause has run out (call from a timer at `deadline()`) */
  tick(time: number): void;
  /** gives back whatever is held, now (focus moved, window blurred) */
  flush(): void;
}

/** Keys that change others but type nothing themselves: they neither break nor join a burst. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS']);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The characters of a text as a person sees them (an accented letter or an emoji is one, whatever its code units). */
export function characters(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** KeyboardEvent.key is the character itself for printable keys and a name ('Enter', 'ArrowLeft') otherwise. */
function isPrintable(key: string): boolean {
  return characters(key).length === 1;
}

export function createBurstClassifier(opts: BurstClassifierOptions): BurstClassifier {
  const minLength = opts.minLength ?? 6;
  const maxGap = opts.maxGapMs ?? 35;
  const prefix = opts.prefix ?? '';
  const suffix = opts.suffix === undefined ? 'Enter' : opts.suffix;
  const lateSuffix = opts.lateSuffixMs ?? maxGap * 3;

  let held: string[] = [];
  let lastAt = 0;
  /** when the last scan that ended by its pause got its final key; its suffix may still be on the way */
  let pausedScanAt: number | null = null;

  const code = (): string | null => {
    const text = held.join('');
    if (prefix && !text.startsWith(prefix)) return null;
    const c = text.slice(prefix.length);
    return characters(c).length >= minLength ? c : null;
  };

  /** Decides the held keys: a scan when they qualify, otherwise typing handed back. */
  const settle = (endedBy: 'suffix' | 'pause'): boolean => {
    if (held.length === 0) return false;
    const c = code();
    const keys = held;
    held = [];
    if (c !== null) {
      pausedScanAt = endedBy === 'pause' ? lastAt : null;
      opts.onScan(c, { endedBy });
      return true;
    }
    opts.onPassthrough(keys);
    return false;
  };

  const expired = (time: number): boolean => held.length > 0 && time - lastAt > maxGap;

  return {
    onKey(key, time, o = {}) {
      if (MODIFIERS.has(key)) return { swallow: false };
      if (expired(time)) settle('pause');
      const inBurst = held.length > 0;
      if (suffix !== null && key === suffix) {
        if (inBurst && code() !== null) {
          settle('suffix');
          return { swallow: true };
        }
        if (!inBurst && pausedScanAt !== null && time - pausedScanAt <= lateSuffix) {
          pausedScanAt = null;
          return { swallow: true };
        }
      }
      pausedScanAt = null;
      if (!isPrintable(key) || o.repeat) {
        // a named key (Tab, Backspace, an arrow) or a held-down key: whatever was held is typing
        settle('pause');
        return { swallow: false };
      }
      held.push(key);
      lastAt = time;
      return { swallow: true };
    },

    deadline: () => (held.length > 0 ? lastAt + maxGap + 1 : null),

    tick(time) {
      if (expired(time)) settle('pause');
    },

    flush() {
      settle('pause');
    },
  };
}
