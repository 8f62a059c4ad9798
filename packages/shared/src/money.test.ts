import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { formatMoney, setMarketLocale } from './format/format';
import {
  addCents,
  allocate,
  cents,
  minorUnitDigits,
  mulCents,
  parseMoney,
  percentOf,
  roundHalfUp,
  subCents,
  sumCents,
  ZERO,
} from './money';

const FC = { seed: 20_240_611, numRuns: 400 };

// typed amounts are read with the marks of a British marketplace ("£", "US$")
beforeAll(() => setMarketLocale('en-GB'));

function expectAppError(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    if (message) expect((e as AppError).message).toMatch(message);
    return;
  }
  throw new Error('expected an AppError');
}

/** Reference rounding written differently from the implementation: truncate, then look at the remainder. */
function refRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const absR = r < 0n ? -r : r;
  const absD = d < 0n ? -d : d;
  if (2n * absR < absD) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

describe('cents', () => {
  it('brands whole minor units and turns -0 into 0', () => {
    expect(cents(1250)).toBe(1250);
    expect(cents(-75)).toBe(-75);
    expect(Object.is(cents(-0), 0)).toBe(true);
    expect(ZERO).toBe(0);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %s with BAD_INPUT', (n) => {
    expectAppError(() => cents(n), 'BAD_INPUT', /whole minor units/);
  });
});

describe('addCents / subCents / sumCents', () => {
  it('adds and subtracts exactly', () => {
    expect(addCents(250, 199, 1)).toBe(450);
    expect(addCents()).toBe(0);
    expect(subCents(1000, 1250)).toBe(-250);
    expect(sumCents([10, 20, -5])).toBe(25);
    expect(sumCents([])).toBe(0);
  });

  it('refuses fractions and overflow instead of silently losing money', () => {
    expectAppError(() => addCents(1, 0.1), 'BAD_INPUT');
    expectAppError(() => subCents(0.5, 1), 'BAD_INPUT');
    expectAppError(() => sumCents([Number.MAX_SAFE_INTEGER, 1]), 'BAD_INPUT', /too large/);
  });
});

describe('roundHalfUp', () => {
  it('rounds halves away from zero on both sides', () => {
    expect(roundHalfUp(5, 2)).toBe(3);
    expect(roundHalfUp(-5, 2)).toBe(-3);
    expect(roundHalfUp(5, -2)).toBe(-3);
    expect(roundHalfUp(7, 2)).toBe(4);
    expect(roundHalfUp(1, 3)).toBe(0);
    expect(roundHalfUp(2, 3)).toBe(1);
    expect(roundHalfUp(-2, 3)).toBe(-1);
    expect(roundHalfUp(0, 7)).toBe(0);
  });

  it('is exact where floats are not (UK VAT out of £2.50 is 42p)', () => {
    expect(roundHalfUp(250 * 2000, 12000)).toBe(42);
    // 1.005 × 100 is 100.49999… in floats; the integer maths sees the exact half
    expect(roundHalfUp(1005, 10)).toBe(101);
    expect(roundHalfUp(10n ** 20n + 5n * 10n ** 9n, 10n ** 10n)).toBe(10_000_000_001);
  });

  it('refuses division by zero and non-integers', () => {
    expectAppError(() => roundHalfUp(1, 0), 'BAD_INPUT', /zero/);
    expectAppError(() => roundHalfUp(1.5, 2), 'BAD_INPUT');
  });

  it('matches a reference rounding for any integers', () => {
    const int = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
    const den = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(int, den, (n, d) => {
        const r = refRound(n, d);
        if (r > BigInt(Number.MAX_SAFE_INTEGER) || r < BigInt(Number.MIN_SAFE_INTEGER)) return;
        expect(roundHalfUp(n, d)).toBe(Number(r));
        expect(roundHalfUp(-n, d)).toBe(-Number(r) + 0);
      }),
      FC,
    );
  });
});

describe('mulCents', () => {
  it('prices items sold each', () => {
    expect(mulCents(250, 3)).toBe(750);
    expect(mulCents(199, 0)).toBe(0);
  });

  it('prices weighed items from a per-kg price and grams, half-up', () => {
    // 350 g of cheese at £12.99/kg = £4.5465 → £4.55
    expect(mulCents(1299, 350, 1000)).toBe(455);
    // 5 g at £1.00/kg = 0.5p → 1p
    expect(mulCents(100, 5, 1000)).toBe(1);
    expect(mulCents(100, 4, 1000)).toBe(0);
  });

  it('refuses a zero scale and fractional quantities', () => {
    expectAppError(() => mulCents(100, 1, 0), 'BAD_INPUT', /scale/);
    expectAppError(() => mulCents(100, 1.5), 'BAD_INPUT', /quantity/i);
    expectAppError(() => mulCents(99.5, 1), 'BAD_INPUT', /unit price/i);
  });
});

describe('percentOf', () => {
  it('takes basis points, half-up', () => {
    expect(percentOf(1999, 1000)).toBe(200); // 10% of £19.99 = 199.9p
    expect(percentOf(100, 1250)).toBe(13); // 12.5% of £1 = 12.5p
    expect(percentOf(-100, 1250)).toBe(-13);
    expect(percentOf(1000, 10_000)).toBe(1000);
    expect(percentOf(1000, 0)).toBe(0);
  });
});

describe('allocate', () => {
  it('splits proportionally and gives leftover units to the largest weights', () => {
    expect(allocate(100, [50, 30, 20])).toEqual([50, 30, 20]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [1, 2])).toEqual([1, 4]);
    expect(allocate(100, [333, 333, 334])).toEqual([33, 33, 34]);
  });

  it('breaks ties towards the lower index', () => {
    expect(allocate(2, [5, 5, 5])).toEqual([1, 1, 0]);
  });

  it('never hands leftovers to zero weights', () => {
    expect(allocate(10, [0, 3, 0, 3, 3])).toEqual([0, 4, 0, 3, 3]);
  });

  it('splits equally when every weight is zero', () => {
    expect(allocate(7, [0, 0, 0])).toEqual([3, 2, 2]);
  });

  it('mirrors negative totals (a refund splits like its sale)', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });

  it('refuses negative or fractional weights and splitting money over nothing', () => {
    expectAppError(() => allocate(10, [1, -1]), 'BAD_INPUT', /negative/);
    expectAppError(() => allocate(10, [0.5, 1]), 'BAD_INPUT');
    expectAppError(() => allocate(10, []), 'BAD_INPUT', /nothing/);
    expect(allocate(0, [])).toEqual([]);
  });

  it('always sums exactly, stays within one unit of the exact share, and favours larger weights', () => {
    const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 });
    const total = fc.integer({ min: -10_000_000, max: 10_000_000 });
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const parts = allocate(t, ws);
        expect(parts).toHaveLength(ws.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
        const sumW = ws.reduce((a, b) => a + b, 0);
        const eff = sumW === 0 ? ws.map(() => 1) : ws;
        const effSum = sumW === 0 ? ws.length : sumW;
        parts.forEach((p, i) => {
          const exact = (t * (eff[i] ?? 0)) / effSum;
          expect(Math.abs(p - exact)).toBeLessThan(1);
          if (sumW > 0 && ws[i] === 0) expect(p).toBe(0);
          ws.forEach((wj, j) => {
            if ((ws[i] ?? 0) > wj) expect(Math.abs(p)).toBeGreaterThanOrEqual(Math.abs(parts[j] ?? 0));
          });
        });
        expect(allocate(-t, ws)).toEqual(parts.map((p) => subCents(0, p)));
      }),
      FC,
    );
  });
});

describe('minorUnitDigits', () => {
  it('knows currencies through Intl', () => {
    expect(minorUnitDigits('GBP')).toBe(2);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
  });

  it.each(['gbp', 'GB', '', 'POUND'])('refuses the malformed code %j', (c) => {
    expectAppError(() => minorUnitDigits(c), 'BAD_INPUT', /3-letter/);
  });
});

describe('parseMoney', () => {
  it.each([
    ['12.50', 'GBP', 1250],
    ['12.5', 'GBP', 1250],
    ['12', 'GBP', 1200],
    ['12.', 'GBP', 1200],
    ['.99', 'GBP', 99],
    ['  £12.50 ', 'GBP', 1250],
    ['12.50 GBP', 'GBP', 1250],
    ['-3', 'GBP', -300],
    ['-£3.10', 'GBP', -310],
    ['1,234.56', 'GBP', 123456],
    ['12.500', 'GBP', 1250],
    ['$4.99', 'USD', 499],
    ['US$4.99', 'USD', 499],
    ['1500', 'JPY', 1500],
    ['¥1,500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
    ['0', 'GBP', 0],
  ])('reads %j in %s as %i', (text, currency, expected) => {
    expect(parseMoney(text, currency)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '.', '12,50', '1.2.3', '1,23.00', '--5', '12 50', '£', '1e3'])(
    'refuses %j with a hint',
    (text) => {
      expectAppError(() => parseMoney(text, 'GBP'), 'BAD_INPUT', /not an amount/);
    },
  );

  it('refuses more decimals than the currency has', () => {
    expectAppError(() => parseMoney('12.505', 'GBP'), 'BAD_INPUT', /at most 2 decimal places/);
    expectAppError(() => parseMoney('1500.5', 'JPY'), 'BAD_INPUT', /whole number/);
  });

  it('refuses amounts too large to hold', () => {
    expectAppError(() => parseMoney('99999999999999999', 'GBP'), 'BAD_INPUT', /too large/);
  });

  it('reads back whatever formatMoney printed', () => {
    const amount = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
    const currency = fc.constantFrom('GBP', 'USD', 'EUR', 'JPY', 'KWD');
    fc.assert(
      fc.property(amount, currency, (a, c) => {
        expect(parseMoney(formatMoney(a, c), c)).toBe(a + 0);
      }),
      FC,
    );
  });
});
