import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { subCents } from './money';
import { taxForAmount } from './tax';
import type { TaxMode } from './schemas/vendors';

const FC = { seed: 4_242_424, numRuns: 500 };

function expectBadInput(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('BAD_INPUT');
  expect((caught as AppError).message).toMatch(message);
}

describe('taxForAmount — tax-inclusive prices (UK shelf prices)', () => {
  it('extracts 20% VAT from £2.50 as 42p', () => {
    expect(taxForAmount(250, [2000], 'inclusive')).toEqual({ taxCents: 42, perRate: [42], netCents: 208, grossCents: 250 });
  });

  it('extracts 5% VAT (home energy, children’s car seats) from £10.50 as 50p', () => {
    expect(taxForAmount(1050, [500], 'inclusive')).toEqual({ taxCents: 50, perRate: [50], netCents: 1000, grossCents: 1050 });
  });

  it('extracts a combined rate once and splits it over the rates', () => {
    // 5% + 20% on £10.00 incl.: 1000 × 2500 / 12500 = 200, split 1:4
    expect(taxForAmount(1000, [500, 2000], 'inclusive')).toEqual({
      taxCents: 200,
      perRate: [40, 160],
      netCents: 800,
      grossCents: 1000,
    });
    // £9.99: 199.8 → 200 in total; per-rate parts still add up to the total
    expect(taxForAmount(999, [500, 2000], 'inclusive').perRate).toEqual([40, 160]);
  });

  it('handles yen, which has no minor unit (10% and the 8% reduced rate)', () => {
    expect(taxForAmount(1100, [1000], 'inclusive').taxCents).toBe(100);
    expect(taxForAmount(1080, [800], 'inclusive').taxCents).toBe(80);
    expect(taxForAmount(1000, [800], 'inclusive').taxCents).toBe(74); // 74.07
  });
});

describe('taxForAmount — tax-exclusive prices (US-style)', () => {
  it('adds each rate on top, rounded per rate', () => {
    expect(taxForAmount(208, [2000], 'exclusive')).toEqual({ taxCents: 42, perRate: [42], netCents: 208, grossCents: 250 });
    expect(taxForAmount(1000, [500, 2000], 'exclusive')).toEqual({
      taxCents: 250,
      perRate: [50, 200],
      netCents: 1000,
      grossCents: 1250,
    });
    // 6.25% state + 1% local sales tax on $19.99: 124.94 → 125 and 19.99 → 20
    expect(taxForAmount(1999, [625, 100], 'exclusive')).toMatchObject({ perRate: [125, 20], taxCents: 145, grossCents: 2144 });
    expect(taxForAmount(1234, [800], 'exclusive').taxCents).toBe(99); // ¥98.72
  });

  it('rounds halves up', () => {
    expect(taxForAmount(10, [500], 'exclusive').taxCents).toBe(1); // 0.5 → 1
    expect(taxForAmount(30, [500], 'exclusive').taxCents).toBe(2); // 1.5 → 2
  });
});

describe('taxForAmount — edge cases', () => {
  it('is zero for untaxed goods', () => {
    expect(taxForAmount(500, [], 'inclusive')).toEqual({ taxCents: 0, perRate: [], netCents: 500, grossCents: 500 });
    expect(taxForAmount(500, [], 'exclusive')).toEqual({ taxCents: 0, perRate: [], netCents: 500, grossCents: 500 });
    expect(taxForAmount(500, [0, 0], 'inclusive').perRate).toEqual([0, 0]);
  });

  it('mirrors refunds exactly', () => {
    expect(taxForAmount(-250, [2000], 'inclusive')).toEqual({ taxCents: -42, perRate: [-42], netCents: -208, grossCents: -250 });
    expect(taxForAmount(-10, [500], 'exclusive').taxCents).toBe(-1);
  });

  it('refuses rates outside 0–100%, fractional amounts and unknown modes', () => {
    expectBadInput(() => taxForAmount(100, [10_001], 'exclusive'), /0 to 10000/);
    expectBadInput(() => taxForAmount(100, [-1], 'inclusive'), /0 to 10000/);
    expectBadInput(() => taxForAmount(100, [12.5], 'inclusive'), /0 to 10000/);
    expectBadInput(() => taxForAmount(1.5, [2000], 'inclusive'), /whole minor units/);
    expectBadInput(() => taxForAmount(100, [2000], 'gross' as TaxMode), /inclusive.*exclusive/);
  });
});

describe('taxForAmount — invariants', () => {
  const amount = fc.integer({ min: -10_000_000, max: 10_000_000 });
  const rates = fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 4 });
  const mode = fc.constantFrom<TaxMode>('inclusive', 'exclusive');

  it('per-rate parts always add up to the tax, and net + tax = gross', () => {
    fc.assert(
      fc.property(amount, rates, mode, (a, rs, m) => {
        const t = taxForAmount(a, rs, m);
        expect(t.perRate).toHaveLength(rs.length);
        expect(t.perRate.reduce((x, y) => x + y, 0)).toBe(t.taxCents);
        expect(t.netCents + t.taxCents).toBe(t.grossCents);
        expect(m === 'inclusive' ? t.grossCents : t.netCents).toBe(a);
      }),
      FC,
    );
  });

  it('rounds to the nearest minor unit of the exact tax', () => {
    fc.assert(
      fc.property(amount, rates, mode, (a, rs, m) => {
        const r = rs.reduce((x, y) => x + y, 0);
        const exact = m === 'inclusive' ? (a * r) / (10_000 + r) : (a * r) / 10_000;
        // exclusive rounds per rate, so the error is at most half a unit per rate
        const slack = m === 'inclusive' ? 0.5 : 0.5 * Math.max(rs.length, 1);
        expect(Math.abs(taxForAmount(a, rs, m).taxCents - exact)).toBeLessThanOrEqual(slack + 1e-6);
      }),
      FC,
    );
  });

  it('a refund is the exact negative of its sale', () => {
    fc.assert(
      fc.property(amount, rates, mode, (a, rs, m) => {
        const sale = taxForAmount(a, rs, m);
        const refund = taxForAmount(-a, rs, m);
        expect(refund.taxCents).toBe(subCents(0, sale.taxCents));
        expect(refund.perRate).toEqual(sale.perRate.map((p) => subCents(0, p)));
      }),
      FC,
    );
  });
});
