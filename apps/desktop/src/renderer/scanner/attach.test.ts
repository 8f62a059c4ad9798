import { describe, expect, it } from 'vitest';
import { attachScanner, type KeyEventLike, type WindowLike } from './attach';
import { characters } from './burst-classifier';

/** A window with a steppable clock and timers: what the adapter needs of a browser, nothing more. */
function fakeWindow() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const listeners = new Map<string, (e: KeyEventLike) => void>();
  const inserted: string[] = [];
  const win: WindowLike = {
    addEventListener: (type, fn) => void listeners.set(type, fn),
    removeEventListener: (type) => void listeners.delete(type),
    setTimeout: (fn, ms) => {
      timers.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimeout: (id) => void timers.delete(id),
    performance: { now: () => now },
    document: {
      execCommand: (command, _ui, value) => {
        if (command === 'insertText' && value !== undefined) inserted.push(value);
        return true;
      },
    },
  };
  /** moves the clock, running due timers in order */
  const advance = (to: number) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = to;
  };
  /** dispatches a keydown at `at`; returns whether the page would still see it */
  const press = (key: string, at: number, mods: Partial<KeyEventLike> = {}): boolean => {
    advance(at);
    let prevented = false;
    listeners.get('keydown')?.({ key, timeStamp: now, preventDefault: () => (prevented = true), stopImmediatePropagation: () => {}, ...mods });
    return !prevented;
  };
  return { win, press, advance, inserted, listeners };
}

describe('attachScanner (DOM adapter)', () => {
  it('stops a scanner burst from reaching the page and reports the scan', () => {
    const w = fakeWindow();
    const scans: string[] = [];
    attachScanner(w.win, { onScan: (c) => scans.push(c) });
    const seen = characters('5012345000018').map((k, i) => w.press(k, 100 + i * 7));
    seen.push(w.press('Enter', 200));
    expect(scans).toEqual(['5012345000018']);
    expect(seen.some(Boolean)).toBe(false);
    expect(w.inserted).toEqual([]);
  });

  it('types held-back human keys into the field when the pause timer runs, and lets shortcuts through', () => {
    const w = fakeWindow();
    const scans: string[] = [];
    attachScanner(w.win, { onScan: (c) => scans.push(c) });
    expect(w.press('4', 100)).toBe(false);
    w.advance(300);
    expect(w.inserted).toEqual(['4']);
    w.press('2', 400);
    expect(w.press('v', 410, { ctrlKey: true })).toBe(true);
    expect(w.inserted).toEqual(['4', '2']);
    expect(scans).toEqual([]);
  });

  it('gives back what it holds when detached, and listens no more', () => {
    const w = fakeWindow();
    const stop = attachScanner(w.win, { onScan: () => {}, replay: (t) => w.inserted.push(`replayed:${t}`) });
    w.press('a', 100);
    stop();
    expect(w.inserted).toEqual(['replayed:a']);
    expect(w.listeners.size).toBe(0);
  });
});
