import { describe, expect, it } from 'vitest';
import { countedCents, countedInput, overShort } from './drawer-count';

describe('counting the drawer at close', () => {
  it('adds notes and coins by value', () => {
    expect(countedCents({ 2000: 3, 500: 1, 1: 7 })).toBe(6507);
    expect(countedCents({})).toBe(0);
  });

  it('sends every denomination on the sheet, zeros included', () => {
    expect(countedInput([5000, 2000, 100], { 2000: 2 })).toEqual({ '5000': 0, '2000': 2, '100': 0 });
  });

  it('says over or short by how much', () => {
    expect(overShort(6500, 6500)).toEqual({ kind: 'balanced', cents: 0 });
    expect(overShort(6000, 6500)).toEqual({ kind: 'short', cents: 500 });
    expect(overShort(6510, 6500)).toEqual({ kind: 'over', cents: 10 });
  });
});
