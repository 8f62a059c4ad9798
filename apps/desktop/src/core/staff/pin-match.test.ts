import { describe, expect, it } from 'vitest';
import { hashPin } from './pin-hash';
import { pinOpens, whoseHashOpens } from './pin-match';

const FAST = { N: 1024, r: 8, p: 1 };

describe('finding whose PIN it is', () => {
  it('finds every hash a PIN opens, in order, the same before and after it remembers them', async () => {
    const staff = await Promise.all(['1234', '5678', '1234', '9012', '1234'].map(async (pin, i) => ({ id: `s${i}`, pinHash: await hashPin(pin, FAST) })));
    for (let round = 0; round < 2; round++) {
      expect((await whoseHashOpens('1234', staff)).map((s) => s.id)).toEqual(['s0', 's2', 's4']);
      expect((await whoseHashOpens('5678', staff)).map((s) => s.id)).toEqual(['s1']);
      expect(await whoseHashOpens('0000', staff)).toEqual([]);
    }
    expect(await whoseHashOpens('1234', [])).toEqual([]);
  });

  it('a remembered hash still refuses every other PIN, and a new hash (a changed PIN) is checked afresh', async () => {
    const old = await hashPin('2468', FAST);
    expect(await pinOpens('2468', old)).toBe(true);
    expect(await pinOpens('2469', old)).toBe(false);
    expect(await pinOpens('24680', old)).toBe(false);
    const changed = await hashPin('1357', FAST);
    expect(await pinOpens('2468', changed)).toBe(false);
    expect(await pinOpens('1357', changed)).toBe(true);
    expect(await pinOpens('2468', 'not a hash')).toBe(false);
  });
});
