import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuidv7, uuidv7, uuidv7Time } from './ids';

// uuidv7 keeps per-process state (last ms, counter), so each test uses its own, later, clock reading.
// 2096-10-02 and later: beyond any real Date.now() another test in this file could have used.
const FUTURE = 4_000_000_000_000;

describe('uuidv7', () => {
  it('mints RFC 9562 version-7 ids', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidv7(id)).toBe(true);
  });

  it('encodes the creation time, readable back to the millisecond', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(uuidv7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuidv7Time(id)).toBeLessThanOrEqual(Date.now());
    expect(uuidv7Time(uuidv7(FUTURE))).toBe(FUTURE);
  });

  it('sorts in creation order within one millisecond and never repeats', () => {
    const t = FUTURE + 1_000;
    const ids = Array.from({ length: 3000 }, () => uuidv7(t));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => uuidv7Time(id) === t)).toBe(true);
  });

  it('stays monotonic when the 12-bit counter runs out by borrowing the next millisecond', () => {
    const t = FUTURE + 2_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Time(ids[0] ?? '')).toBe(t);
    expect(uuidv7Time(ids[ids.length - 1] ?? '')).toBe(t + 1);
  });

  it('stays monotonic when the clock steps back (an offline counter resyncing its clock)', () => {
    const t = FUTURE + 3_000;
    const a = uuidv7(t);
    const b = uuidv7(t - 60_000);
    expect(b > a).toBe(true);
    expect(uuidv7Time(b)).toBe(t);
  });
});

describe('isUuidv7', () => {
  it.each([
    ['0190f1c4-6e1a-4b7c-8d2e-1f2a3b4c5d6e', 'a v4 id'],
    ['0190F1C4-6E1A-7B7C-8D2E-1F2A3B4C5D6E', 'upper case'],
    ['0190f1c4-6e1a-7b7c-cd2e-1f2a3b4c5d6e', 'a wrong variant'],
    ['0190f1c46e1a7b7c8d2e1f2a3b4c5d6e', 'no dashes'],
    ['', 'empty'],
  ])('rejects %s (%s)', (id) => {
    expect(isUuidv7(id)).toBe(false);
  });
});

describe('uuidv7 ordering (property)', () => {
  // Last in the file on purpose: it feeds arbitrary clock readings, including far-future ones.
  it('every id sorts after every id minted before it, whatever the clock says', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 50 }), (times) => {
        let previous = uuidv7();
        for (const t of times) {
          const next = uuidv7(t);
          expect(isUuidv7(next)).toBe(true);
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
      { seed: 7_000_007, numRuns: 200 },
    );
  });
});
