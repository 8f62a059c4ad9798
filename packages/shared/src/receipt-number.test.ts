import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import {
  formatReceiptNumber,
  formatWebOrderNumber,
  parseReceiptNumber,
  parseWebOrderNumber,
  registerCodeSchema,
} from './receipt-number';

const FC = { seed: 42_000_042, numRuns: 500 };

function badInput(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return e as AppError;
  }
  throw new Error('expected BAD_INPUT');
}

const registerCode = fc.stringMatching(/^[A-Z0-9]{1,4}$/).filter((c) => c !== 'W');
const sequence = fc.integer({ min: 0, max: 10_000_000_000 });

describe('formatReceiptNumber', () => {
  it('prints register code and zero-padded sequence', () => {
    expect(formatReceiptNumber('A1', 42)).toBe('A1-000042');
    expect(formatReceiptNumber('B', 1)).toBe('B-000001');
    expect(formatReceiptNumber('SHOP', 999_999)).toBe('SHOP-999999');
    expect(formatReceiptNumber('A1', 1_000_000)).toBe('A1-1000000');
  });

  it.each(['a1', 'ABCDE', '', 'A-1', 'W'])('refuses the register code %j', (code) => {
    expect(badInput(() => formatReceiptNumber(code, 1)).message).toMatch(/register code/);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the sequence %s', (n) => {
    expect(badInput(() => formatReceiptNumber('A1', n)).message).toMatch(/sequence/);
  });

  it('never gives two different (register, sequence) pairs the same number', () => {
    // small pools of look-alikes ("A1"/"A10", 1/10/100000…) so near-collisions are actually tried
    const code = fc.oneof(fc.constantFrom('A', 'A1', 'A10', '1', '10', '0'), registerCode);
    const seq = fc.oneof(fc.constantFrom(0, 1, 10, 100_000, 1_000_000, 10_000_000), sequence);
    fc.assert(
      fc.property(code, seq, code, seq, (c1, s1, c2, s2) => {
        const same = formatReceiptNumber(c1, s1) === formatReceiptNumber(c2, s2);
        expect(same).toBe(c1 === c2 && s1 === s2);
      }),
      FC,
    );
  });
});

describe('parseReceiptNumber', () => {
  it('reads printed, scanned and typed receipt numbers', () => {
    expect(parseReceiptNumber('A1-000042')).toEqual({ registerCode: 'A1', sequence: 42 });
    expect(parseReceiptNumber('  a1-42 ')).toEqual({ registerCode: 'A1', sequence: 42 });
    expect(parseReceiptNumber('SHOP-1000000')).toEqual({ registerCode: 'SHOP', sequence: 1_000_000 });
  });

  it.each(['', 'A1000042', 'ABCDE-000001', 'A1-', '-000042', 'A1-00004x', 'A1-1234567890123456', 'W-0042', 'W-1042'])(
    'returns null for %j',
    (s) => {
      expect(parseReceiptNumber(s)).toBeNull();
    },
  );

  it('reads back every number it prints', () => {
    fc.assert(
      fc.property(registerCode, sequence, (c, s) => {
        expect(parseReceiptNumber(formatReceiptNumber(c, s))).toEqual({ registerCode: c, sequence: s });
      }),
      FC,
    );
  });
});

describe('web order numbers', () => {
  it('print as W- and at least four digits', () => {
    expect(formatWebOrderNumber(42)).toBe('W-0042');
    expect(formatWebOrderNumber(1042)).toBe('W-1042');
    expect(formatWebOrderNumber(123_456)).toBe('W-123456');
  });

  it('refuse negative or fractional numbers', () => {
    badInput(() => formatWebOrderNumber(-1));
    badInput(() => formatWebOrderNumber(10.5));
  });

  it('read back, and are never mistaken for receipts', () => {
    expect(parseWebOrderNumber('w1042')).toBe(1042);
    expect(parseWebOrderNumber('A1-000042')).toBeNull();
    expect(parseWebOrderNumber('W-')).toBeNull();
    fc.assert(
      fc.property(sequence, (n) => {
        const printed = formatWebOrderNumber(n);
        expect(parseWebOrderNumber(printed)).toBe(n);
        expect(parseReceiptNumber(printed)).toBeNull();
      }),
      FC,
    );
  });
});

describe('registerCodeSchema', () => {
  it('tidies what staff type', () => {
    expect(registerCodeSchema.parse(' a1 ')).toBe('A1');
    expect(registerCodeSchema.parse('BAR2')).toBe('BAR2');
  });

  it.each([
    ['', /1 to 4/],
    ['ABCDE', /1 to 4/],
    ['A-1', /1 to 4/],
    ['W', /reserved for web orders/],
  ])('refuses %j with a clear message', (code, message) => {
    const r = registerCodeSchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(message);
  });
});
