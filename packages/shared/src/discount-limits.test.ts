import { describe, expect, it } from 'vitest';
import { discountProblem } from './discount-limits';

describe('discountProblem', () => {
  it('lets a discount take a line or sale down to zero, and refuses more in words with the limit', () => {
    expect(discountProblem({ kind: 'amount', amountCents: 300 }, 300, 'sale', 'GBP')).toBeNull();
    expect(discountProblem({ kind: 'percent', bps: 10_000 }, 300, 'line', 'GBP')).toBeNull();
    const e = discountProblem({ kind: 'amount', amountCents: 500 }, 300, 'sale', 'GBP');
    expect(e?.code).toBe('DISCOUNT_TOO_LARGE');
    expect(e?.message).toBe('£5.00 off is more than this sale costs (£3.00). Take off at most £3.00.');
    expect(e?.details).toEqual({ askedCents: 500, maxCents: 300, scope: 'sale' });
    expect(e?.issues?.[0]?.path).toBe('discount.amountCents');
    expect(discountProblem({ kind: 'amount', amountCents: 1 }, 0, 'line', 'GBP')?.message).toBe('£0.01 off is more than this line costs (£0.00). Add items before giving a discount.');
  });
});
