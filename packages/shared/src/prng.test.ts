import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng';

describe('mulberry32', () => {
  it('replays the same numbers for a seed, different ones for another, all in [0, 1)', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    expect(Array.from({ length: 5 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(a);
    const many = Array.from({ length: 10_000 }, mulberry32(7));
    expect(many.every((x) => x >= 0 && x < 1)).toBe(true);
    // roughly uniform: each tenth holds about a tenth
    for (let d = 0; d < 10; d++) expect(many.filter((x) => Math.floor(x * 10) === d).length).toBeGreaterThan(850);
  });
});
