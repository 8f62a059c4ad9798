import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { grossLabel, reportFigures, type SaleSums } from './report-figures';
import { computeTotals, type CartInput } from './totals';
import type { TaxMode } from './schemas/vendors';

/*
 * The same basket in both tax modes, worked out by hand and checked against computeTotals (what the receipt
 * printed), then summed by reportFigures:
 *   2 × jam 3.99 at 20% = 7.98, 1 × loaf 4.50 at 0%; £1.00 off the order.
 *   order discount split by allocate(100, [798, 450]): 100·798/1248 = 63.9 → 63, 100·450/1248 = 36.1 → 36,
 *   the leftover 1p to the larger line → jam 64, loaf 36.
 *   jam after discounts 798 − 64 = 734; loaf 450 − 36 = 414.
 */
function basket(taxMode: TaxMode): CartInput {
  return {
    currency: 'GBP',
    taxMode,
    lines: [
      { key: 'jam', unitPriceCents: 399, quantity: 2, taxRatesBps: [2000] },
      { key: 'loaf', unitPriceCents: 450, quantity: 1, taxRatesBps: [0] },
    ],
    orderDiscount: { kind: 'amount', amountCents: 100 },
  };
}

function sold(taxMode: TaxMode, roundingCents = 0): SaleSums {
  const t = computeTotals(basket(taxMode));
  return { taxMode, count: 1, subtotalCents: t.subtotalCents, discountCents: t.discountCents, taxCents: t.taxCents, roundingCents };
}

describe('reportFigures', () => {
  it('tax-exclusive: gross and net are before tax, total adds the tax on top', () => {
    // jam tax 20% of 734 = 146.8 → 147; loaf 0.
    // gross 798 + 450 = 1248 (shelf prices, before tax); discounts 100; net 1248 − 100 = 1148;
    // tax 147; total 1148 + 147 = 1295.
    const receipt = computeTotals(basket('exclusive'));
    expect(receipt.totalCents).toBe(1295);
    const f = reportFigures({ taxMode: 'exclusive', sales: [sold('exclusive')] });
    expect(f.sales).toEqual({
      count: 1,
      grossBasis: 'tax_exclusive',
      grossCents: 1248,
      discountCents: 100,
      netCents: 1148,
      taxCents: 147,
      deliveryFeeCents: 0,
      totalCents: 1295,
      roundingCents: 0,
      takenCents: 1295,
    });
    expect(f.sales.netCents).toBeLessThan(f.sales.totalCents);
  });

  it('tax-inclusive: gross includes tax, net takes the contained tax out, total is what was paid', () => {
    // jam 734 includes 20%: tax = 734 · 2000 / 12000 = 122.3 → 122; loaf 0.
    // gross 1248 (shelf prices, tax included); discounts 100; paid 1248 − 100 = 1148;
    // net before tax 1148 − 122 = 1026; total 1026 + 122 = 1148.
    const receipt = computeTotals(basket('inclusive'));
    expect(receipt.totalCents).toBe(1148);
    const f = reportFigures({ taxMode: 'inclusive', sales: [sold('inclusive')] });
    expect(f.sales).toMatchObject({ grossBasis: 'tax_inclusive', grossCents: 1248, discountCents: 100, netCents: 1026, taxCents: 122, totalCents: 1148 });
  });

  it('keeps refunds and cash rounding beside the sales, never inside them', () => {
    // two exclusive sales (one paid cash, rounded +0.05 → 1300), one £3.99 refund paid in cash rounded to 4.00.
    // total 1295 · 2 = 2590; taken 2590 + 5 = 2595; after refunds 2590 − 399 = 2191.
    const f = reportFigures({
      taxMode: 'exclusive',
      sales: [sold('exclusive', 5), sold('exclusive')],
      refunds: [{ count: 1, totalCents: 399, roundingCents: 1 }],
    });
    expect(f.sales).toMatchObject({ count: 2, grossCents: 2496, netCents: 2296, taxCents: 294, totalCents: 2590, roundingCents: 5, takenCents: 2595 });
    expect(f.refunds).toEqual({ count: 1, totalCents: 399, roundingCents: 1, paidOutCents: 400 });
    expect(f.afterRefundsCents).toBe(2191);
  });

  it('adds delivery fees to the total, not to net sales; a mixed period says its gross is mixed', () => {
    // web order, inclusive, 1148 paid for goods (tax 122) + 2.50 delivery → total 1398; counter exclusive 1295.
    // net 1026 + 1148 = 2174; tax 122 + 147 = 269; delivery 250; total 2174 + 269 + 250 = 2693.
    const f = reportFigures({ taxMode: 'inclusive', sales: [{ ...sold('inclusive'), deliveryFeeCents: 250 }, sold('exclusive')] });
    expect(f.sales).toMatchObject({ grossBasis: 'mixed', grossCents: 2496, netCents: 2174, taxCents: 269, deliveryFeeCents: 250, totalCents: 2693 });
    expect(grossLabel(f.sales.grossBasis)).toBe('Gross (mixed tax modes)');
  });

  it('an empty period states the shop’s basis and zeros; nonsense sums are refused', () => {
    const f = reportFigures({ taxMode: 'exclusive', sales: [{ taxMode: 'inclusive', count: 0, subtotalCents: 0, discountCents: 0, taxCents: 0 }] });
    expect(f.sales).toMatchObject({ count: 0, grossBasis: 'tax_exclusive', totalCents: 0 });
    expect(grossLabel('tax_exclusive')).toBe('Gross (before tax)');
    expect(grossLabel('tax_inclusive')).toBe('Gross (incl. tax)');
    expect(() => reportFigures({ taxMode: 'inclusive', sales: [{ ...sold('inclusive'), discountCents: 1.5 }] })).toThrow(AppError);
    expect(() => reportFigures({ taxMode: 'inclusive', sales: [{ ...sold('inclusive'), taxMode: 'gross' as TaxMode }] })).toThrow(/Tax mode/);
  });
});
