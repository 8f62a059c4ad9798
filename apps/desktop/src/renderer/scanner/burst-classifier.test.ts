import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characters, createBurstClassifier, type BurstClassifierOptions } from './burst-classifier';

interface Key {
  key: string;
  at: number;
  repeat?: boolean;
}

/**
 * Drives a classifier like the DOM adapter does (timer at `deadline()`, callbacks inside the keydown) and
 * models the focused text field: keys that are not swallowed type into it right after the handler returns,
 * given-back keys are typed during it. Enter in the field shows as "⏎".
 */
function run(keys: readonly Key[], opts: Partial<BurstClassifierOptions> = {}, timer = true) {
  const scans: { code: string; endedBy: string }[] = [];
  let field = '';
  const c = createBurstClassifier({
    ...opts,
    onScan: (code, how) => scans.push({ code, endedBy: how.endedBy }),
    onPassthrough: (ks) => {
      field += ks.join('');
    },
  });
  const fire = (until: number) => {
    const d = c.deadline();
    if (timer && d !== null && d <= until) c.tick(d);
  };
  const swallowed: boolean[] = [];
  for (const k of keys) {
    fire(k.at);
    const { swallow } = c.onKey(k.key, k.at, { repeat: k.repeat ?? false });
    swallowed.push(swallow);
    if (!swallow) field += k.key === 'Enter' ? '⏎' : k.key.length === 1 ? k.key : '';
  }
  fire(Number.POSITIVE_INFINITY);
  return { scans, field, swallowed, pending: c.deadline() };
}

/** Keys typed at a steady pace, from `start`. */
function typed(text: string, start: number, gapMs: number): Key[] {
  return characters(text).map((key, i) => ({ key, at: start + i * gapMs }));
}

/** A scanner's burst: the code's characters `gapMs` apart, then its suffix key. */
function burst(code: string, start: number, gapMs = 8, suffix: string | null = 'Enter'): Key[] {
  const keys = typed(code, start, gapMs);
  return suffix ? [...keys, { key: suffix, at: start + code.length * gapMs }] : keys;
}

describe('burst classifier', () => {
  it('turns a fast burst ended by Enter into one scan, with no key leaking into the focused field', () => {
    const r = run(burst('4006381333931', 1000));
    expect(r.scans).toEqual([{ code: '4006381333931', endedBy: 'suffix' }]);
    expect(r.field).toBe('');
    expect(r.swallowed.every(Boolean)).toBe(true);
    expect(r.pending).toBeNull();
  });

  it('gives a person typing 1234567890 at 120 ms a key back to the field, in order, and scans nothing', () => {
    const r = run([...typed('1234567890', 1000, 120), { key: 'Enter', at: 2300 }]);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('1234567890⏎');
  });

  it('gives the keys back even when the timer never runs (the next key settles the previous ones)', () => {
    const r = run(typed('1234567890', 1000, 120), {}, false);
    expect(r.scans).toEqual([]);
    // the last key is still held: nothing came after it and no timer ran
    expect(r.field).toBe('123456789');
    expect(r.pending).toBe(1000 + 9 * 120 + 36);
  });

  it('leaves a fast typist’s short words alone, rollover pairs included', () => {
    // "to" and "is" rolled over in 20 ms; never six keys in a row within 35 ms
    const gaps = [60, 20, 90, 45, 30, 70, 25, 110, 55, 20, 80, 40, 33, 65, 20, 75, 30];
    const text = 'it is ok to go now';
    let at = 5000;
    const keys = characters(text).map((key, i) => ({ key, at: (at += gaps[i % gaps.length] ?? 50) }));
    const r = run([...keys, { key: 'Enter', at: at + 90 }]);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe(`${text}⏎`);
  });

  it('keeps a short fast burst (fewer than 6 characters) as typing, Enter included', () => {
    const r = run(burst('12', 1000, 10));
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('12⏎');
  });

  it('strips a configured prefix, ends on a Tab suffix, ignores Shift presses, and passes bursts without the prefix', () => {
    const opts = { prefix: '~', suffix: 'Tab' };
    const shifted: Key[] = [];
    let at = 1000;
    for (const ch of '~ABC-12345') {
      if (/[A-Z~]/.test(ch)) shifted.push({ key: 'Shift', at: (at += 2) });
      shifted.push({ key: ch, at: (at += 6) });
    }
    shifted.push({ key: 'Tab', at: at + 6 });
    const r = run(shifted, opts);
    expect(r.scans).toEqual([{ code: 'ABC-12345', endedBy: 'suffix' }]);
    expect(r.field).toBe('');

    // a fast burst without the prefix is not this scanner: it goes to the field (Tab moves focus as usual)
    const noPrefix = run(burst('ABC-12345', 1000, 6, 'Tab'), opts);
    expect(noPrefix.scans).toEqual([]);
    expect(noPrefix.field).toBe('ABC-12345');
  });

  it('ends a burst without a suffix by its pause, and swallows a late Enter that still belongs to it', () => {
    const r = run(burst('96385074', 1000, 5, null));
    expect(r.scans).toEqual([{ code: '96385074', endedBy: 'pause' }]);
    expect(r.field).toBe('');

    const late = run([...burst('96385074', 1000, 5, null), { key: 'Enter', at: 1000 + 7 * 5 + 60 }]);
    expect(late.scans).toEqual([{ code: '96385074', endedBy: 'pause' }]);
    expect(late.field).toBe('');

    const human = run([...burst('96385074', 1000, 5, null), { key: 'Enter', at: 3000 }]);
    expect(human.field).toBe('⏎');
  });

  it('reads two scans back to back, and a scan in the middle of typing a note', () => {
    const first = burst('4006381333931', 1000);
    const second = burst('5012345000018', 1000 + 14 * 8 + 40);
    expect(run([...first, ...second]).scans.map((s) => s.code)).toEqual(['4006381333931', '5012345000018']);
    expect(run([...first, ...second], {}, false).field).toBe('');

    const note = [...typed('no ', 500, 150), ...burst('4006381333931', 1200), ...typed('nuts', 1600, 150)];
    const r = run(note);
    expect(r.scans.map((s) => s.code)).toEqual(['4006381333931']);
    expect(r.field).toBe('no nuts');
  });

  it('never takes a held-down key (auto-repeat) for a scanner', () => {
    const keys: Key[] = [{ key: 'a', at: 1000 }, ...Array.from({ length: 12 }, (_, i) => ({ key: 'a', at: 1300 + i * 30, repeat: true }))];
    const r = run(keys);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('a'.repeat(13));
  });

  it('honours a configured gap and length', () => {
    const slowScanner = burst('ABCD', 1000, 50);
    expect(run(slowScanner, { maxGapMs: 60, minLength: 4 }).scans.map((s) => s.code)).toEqual(['ABCD']);
    expect(run(slowScanner).field).toBe('ABCD⏎');
  });

  const printable = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-./+%$ '.split(''));

  it('property: any burst of at least 6 characters with gaps ≤ 35 ms is exactly one scan of exactly its characters', () => {
    fc.assert(
      fc.property(
        fc.array(printable, { minLength: 6, maxLength: 48 }),
        fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 48, maxLength: 48 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e9 }),
        (chars, gaps, withEnter, start) => {
          let at = start;
          const keys: Key[] = chars.map((key, i) => ({ key, at: i === 0 ? at : (at += gaps[i] ?? 0) }));
          if (withEnter) keys.push({ key: 'Enter', at: at + (gaps[0] ?? 0) });
          const r = run(keys);
          expect(r.scans).toEqual([{ code: chars.join(''), endedBy: withEnter ? 'suffix' : 'pause' }]);
          expect(r.field).toBe('');
        },
      ),
      { seed: 20250501, numRuns: 300 },
    );
  });

  it('property: keys more than 35 ms apart are all given back, in order, and never scanned', () => {
    fc.assert(
      fc.property(
        fc.array(printable, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 36, max: 400 }), { minLength: 30, maxLength: 30 }),
        fc.boolean(),
        (chars, gaps, timer) => {
          let at = 10_000;
          const keys: Key[] = chars.map((key, i) => ({ key, at: i === 0 ? at : (at += gaps[i] ?? 36) }));
          const r = run([...keys, { key: 'Enter', at: at + 36 }], {}, timer);
          expect(r.scans).toEqual([]);
          expect(r.field).toBe(`${chars.join('')}⏎`);
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
  });
});
