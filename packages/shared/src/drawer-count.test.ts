import { describe, expect, it } from 'vitest';
import { countedCents, overShort, overShortCents } from './drawer-count';

describe('counting the drawer at close', () => {
  it('adds notes and coins by value, whether the keys are numbers or stored text', () => {
    expect(countedCents({ 2000: 3, 500: 1, 1: 7 })).toBe(6507);
    expect(countedCents({ '2000': 3, '500': 1, '1': 7 })).toBe(6507);
    expect(countedCents({})).toBe(0);
  });

  it('says over or short by how much, counted minus expected', () => {
    expect(overShortCents(6000, 6500)).toBe(-500);
    expect(overShort(6500, 6500)).toEqual({ kind: 'balanced', cents: 0 });
    expect(overShort(6000, 6500)).toEqual({ kind: 'short', cents: 500 });
    expect(overShort(6510, 6500)).toEqual({ kind: 'over', cents: 10 });
  });
});
