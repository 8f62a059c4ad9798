import { describe, expect, it } from 'vitest';
import { countedInput } from './drawer-count';

describe('counting the drawer at close', () => {
  it('sends every denomination on the sheet, zeros included', () => {
    expect(countedInput([5000, 2000, 100], { 2000: 2 })).toEqual({ '5000': 0, '2000': 2, '100': 0 });
  });
});
