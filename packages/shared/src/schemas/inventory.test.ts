import { describe, expect, it } from 'vitest';
import { instantSchema, stockAdjustInput, stockCountInput, stockReceiveInput } from './inventory';

const variantId = '01890a5d-ac96-774b-bcce-b302099a8057';

describe('inventory schemas', () => {
  it('accepts a Date or an ISO string with offset, never a future time', () => {
    expect(instantSchema.parse('2024-05-01T09:30:00+01:00').toISOString()).toBe('2024-05-01T08:30:00.000Z');
    const d = new Date(Date.now() - 1000);
    expect(instantSchema.parse(d)).toEqual(d);
    expect(instantSchema.safeParse('2024-05-01').success).toBe(false);
    expect(instantSchema.safeParse(new Date(Date.now() + 3600_000)).success).toBe(false);
    expect(instantSchema.safeParse(new Date('nope')).success).toBe(false);
  });

  it('checks quantities per movement kind', () => {
    expect(stockReceiveInput.safeParse({ variantId, quantity: 0 }).success).toBe(false);
    expect(stockReceiveInput.parse({ variantId, quantity: 3 })).toMatchObject({ quantity: 3, note: '' });
    expect(stockCountInput.safeParse({ variantId, quantity: 0 }).success).toBe(true);
    expect(stockCountInput.safeParse({ variantId, quantity: -1 }).success).toBe(false);
    expect(stockAdjustInput.safeParse({ variantId, quantity: -2, note: 'Broken jar' }).success).toBe(true);
    expect(stockAdjustInput.safeParse({ variantId, quantity: 0, note: 'x' }).success).toBe(false);
    expect(stockAdjustInput.safeParse({ variantId, quantity: 2 }).success).toBe(false);
    expect(stockReceiveInput.safeParse({ variantId, quantity: 2.5 }).success).toBe(false);
  });
});
