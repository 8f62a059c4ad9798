import { describe, expect, it } from 'vitest';
import { refundAmount } from '@makeries/shared';
import { everything, refundTotal, requestLines, type RefundableLine } from './refund-plan';

const loaves: RefundableLine = { id: 'a', quantity: 3, refundedQuantity: 0, totalCents: 1000, refundedCents: 0 };
const jam: RefundableLine = { id: 'b', quantity: 1, refundedQuantity: 0, totalCents: 350, refundedCents: 0 };

describe('refund amounts shown before refunding', () => {
  it('returns a share of the line, and the last units return exactly what is left', () => {
    expect(refundAmount(loaves, 1)).toBe(333);
    expect(refundAmount({ ...loaves, refundedQuantity: 1, refundedCents: 333 }, 2)).toBe(667);
    expect(refundAmount(loaves, 0)).toBe(0);
  });

  it('sends no lines for a full refund and only the chosen lines for a partial one', () => {
    const lines = [loaves, jam];
    expect(requestLines(lines, everything(lines))).toBeNull();
    expect(refundTotal(lines, everything(lines))).toBe(1350);
    const part = { a: 1, b: 0 };
    expect(requestLines(lines, part)).toEqual([{ saleLineId: 'a', quantity: 1 }]);
    expect(refundTotal(lines, part)).toBe(333);
  });

  it('never offers more than is left on a line already part-refunded', () => {
    const partly = { ...loaves, refundedQuantity: 2, refundedCents: 667 };
    expect(everything([partly])).toEqual({ a: 1 });
    expect(requestLines([partly, jam], { a: 5, b: 0 })).toEqual([{ saleLineId: 'a', quantity: 1 }]);
  });
});
