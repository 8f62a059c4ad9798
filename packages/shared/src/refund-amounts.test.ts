import { describe, expect, it } from 'vitest';
import { refundAmount, refundableQuantity } from './refund-amounts';

// 3 loaves for 10.00 after a discount: 3.33 each, the last one 3.34
const line = { quantity: 3, refundedQuantity: 0, totalCents: 1000, refundedCents: 0 };

describe('refund amounts', () => {
  it('refunds a share of the line, rounded half up, and the last units whatever is left', () => {
    expect(refundAmount(line, 1)).toBe(333);
    expect(refundAmount(line, 2)).toBe(667);
    expect(refundAmount({ ...line, refundedQuantity: 2, refundedCents: 667 }, 1)).toBe(333);
    expect(refundAmount({ ...line, refundedQuantity: 1, refundedCents: 333 }, 2)).toBe(667);
  });

  it('parts add up to the line total, never more', () => {
    let state = { ...line };
    let paid = 0;
    for (let i = 0; i < 3; i++) {
      const cents = refundAmount(state, 1);
      paid += cents;
      state = { ...state, refundedQuantity: state.refundedQuantity + 1, refundedCents: state.refundedCents + cents };
    }
    expect(paid).toBe(1000);
  });

  it('asking for more than is left returns what is left, and nothing for nothing', () => {
    const half = { ...line, refundedQuantity: 1, refundedCents: 333 };
    expect(refundableQuantity(half)).toBe(2);
    expect(refundAmount(half, 5)).toBe(667);
    expect(refundAmount(half, 0)).toBe(0);
    expect(refundAmount({ ...line, refundedQuantity: 3, refundedCents: 1000 }, 1)).toBe(0);
  });
});
