import { describe, expect, it } from 'vitest';
import { discountCapNotice, discountProblem } from './discount-limits';

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

  it('warns when a discount given earlier is now more than what is left (a line was voided)', () => {
    expect(discountCapNotice({ kind: 'amount', amountCents: 500 }, 645, 'sale', 'GBP')).toBeNull();
    expect(discountCapNotice({ kind: 'amount', amountCents: 500 }, 195, 'sale', 'GBP')).toBe(
      'Only £1.95 comes off: the £5.00 discount is more than this sale costs now. Change or remove it.',
    );
    expect(discountCapNotice({ kind: 'percent', bps: 10_000 }, 195, 'line', 'GBP')).toBeNull();
  });
});
