import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from './hlc';

describe('hybrid logical clock', () => {
  it('follows the wall clock while it moves forward', () => {
    const a = tickHlc(null, 1000, 'n');
    const b = tickHlc(a, 2000, 'n');
    expect([a, b]).toEqual([
      { ms: 1000, counter: 0, node: 'n' },
      { ms: 2000, counter: 0, node: 'n' },
    ]);
  });

  it('keeps counting when the wall clock stands still or steps back', () => {
    const a = tickHlc(null, 5000, 'n');
    const b = tickHlc(a, 5000, 'n');
    const c = tickHlc(b, 1000, 'n'); // NTP stepped the clock back 4 s
    expect(c).toEqual({ ms: 5000, counter: 2, node: 'n' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
  });

  it('is strictly increasing, as text too, for any sequence of wall-clock readings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let last: Hlc | null = null;
        let lastText = '';
        for (const w of walls) {
          const next = tickHlc(last, w, 'abc');
          const text = formatHlc(next);
          if (last) {
            expect(compareHlc(last, next)).toBe(-1);
            expect(text > lastText).toBe(true);
          }
          expect(parseHlc(text)).toEqual(next);
          last = next;
          lastText = text;
        }
      }),
    );
  });

  it('moves past a clock received from elsewhere', () => {
    const local = tickHlc(null, 1000, 'a');
    const remote = { ms: 9000, counter: 4, node: 'srv' };
    const merged = receiveHlc(local, remote, 2000, 'a');
    expect(merged).toEqual({ ms: 9000, counter: 5, node: 'a' });
    expect(compareHlc(tickHlc(merged, 3000, 'a'), remote)).toBe(1);
  });

  it('rejects text that is not a clock', () => {
    expect(parseHlc('yesterday')).toBeNull();
    expect(parseHlc(null)).toBeNull();
  });
});
