import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeVariableMeasure,
  gs1TemplateProblem,
  gtinCheckDigit,
  isVariableMeasure,
  priceVerifierDigit,
  validateBarcode,
} from './barcode';
import { AppError } from './errors';
import { gs1TemplateSchema, type GS1Template } from './schemas/vendors';

const FC = { seed: 501_234, numRuns: 400 };

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

const template = (t: Partial<GS1Template> & Pick<GS1Template, 'itemRefLength' | 'valueKind' | 'valueLength' | 'decimals'>): GS1Template =>
  gs1TemplateSchema.parse(t);

// Real layouts used by GS1 member organisations.
const UK_PRICE = template({ prefixes: ['20'], itemRefLength: 5, hasVerifierDigit: true, valueKind: 'price', valueLength: 4, decimals: 2 });
const DE_WEIGHT = template({ prefixes: ['28', '29'], itemRefLength: 4, hasVerifierDigit: true, valueKind: 'weight', valueLength: 5, decimals: 3 });
const SE_PRICE = template({ prefixes: ['20'], itemRefLength: 6, valueKind: 'price', valueLength: 4, decimals: 2 });
const NO_WEIGHT = template({ prefixes: ['23'], itemRefLength: 6, valueKind: 'weight', valueLength: 4, decimals: 3 });
const DK_WEIGHT = template({ prefixes: ['27'], itemRefLength: 5, valueKind: 'weight', valueLength: 5, decimals: 3 });

/** Builds a variable-measure code; the check digits come from functions tested against published examples. */
function build(t: GS1Template, prefix: string, item: string, value: string): string {
  const verifier = t.hasVerifierDigit ? String(priceVerifierDigit(value)) : '';
  const body = `${prefix}${item}${verifier}${value}`;
  return `${body}${gtinCheckDigit(body)}`;
}

describe('gtinCheckDigit', () => {
  it.each([
    ['501234567890', 0],
    ['03600029145', 2],
    ['9638507', 4],
    ['950110153100', 0],
    ['629104150021', 3],
    ['9501234', 6],
  ])('%s → %i', (digits, check) => {
    expect(gtinCheckDigit(digits)).toBe(check);
  });

  it('refuses non-digits', () => {
    expect(appError(() => gtinCheckDigit('50123A')).code).toBe('INVALID_BARCODE');
    expect(appError(() => gtinCheckDigit('')).code).toBe('INVALID_BARCODE');
  });
});

describe('validateBarcode', () => {
  it('accepts EAN-13, UPC-A and EAN-8 from real packs', () => {
    expect(validateBarcode('5012345678900')).toEqual({ ok: true, kind: 'EAN13', normalized: '5012345678900' });
    expect(validateBarcode('036000291452')).toEqual({ ok: true, kind: 'UPCA', normalized: '0036000291452' });
    expect(validateBarcode('96385074')).toEqual({ ok: true, kind: 'EAN8', normalized: '96385074' });
  });

  it('gives a UPC-A the same key whether the scanner sends 12 or 13 digits', () => {
    expect(validateBarcode('0036000291452')).toEqual(validateBarcode('036000291452'));
  });

  it('ignores the spaces and dashes printed under the bars', () => {
    expect(validateBarcode(' 5 012345 678900 ')).toMatchObject({ ok: true, normalized: '5012345678900' });
    expect(validateBarcode('9638-5074')).toMatchObject({ ok: true, kind: 'EAN8' });
  });

  it.each([
    ['5012345678901', /last digit should be 0, not 1/],
    ['036000291453', /should be 2/],
    ['96385075', /should be 4/],
    ['50123456789', /8, 12 or 13 digits; this one has 11/],
    ['12345678901234', /this one has 14/],
    ['50123456789O0', /only digits/],
    ['', /empty/],
  ])('rejects %j and says why', (code, reason) => {
    const r = validateBarcode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('accepts every payload with its check digit and catches every single mistyped digit', () => {
    const payload = fc.constantFrom(7, 11, 12).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));
    fc.assert(
      fc.property(payload, fc.nat(), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const code = `${p}${gtinCheckDigit(p)}`;
        expect(validateBarcode(code).ok).toBe(true);
        const i = pos % code.length;
        const typo = `${code.slice(0, i)}${(Number(code[i]) + delta) % 10}${code.slice(i + 1)}`;
        expect(validateBarcode(typo).ok).toBe(false);
      }),
      FC,
    );
  });
});

describe('isVariableMeasure', () => {
  it('spots 13-digit codes with a 2x prefix', () => {
    expect(isVariableMeasure('2011122912346')).toBe(true);
    expect(isVariableMeasure('2811111068708')).toBe(true);
    expect(isVariableMeasure('5012345678900')).toBe(false);
    expect(isVariableMeasure('036000291452')).toBe(false);
    expect(isVariableMeasure('20111229123A6')).toBe(false);
  });

  it("follows the vendor's prefixes", () => {
    expect(isVariableMeasure('2811111068708', DE_WEIGHT)).toBe(true);
    expect(isVariableMeasure('2011122912346', DE_WEIGHT)).toBe(false);
  });
});

describe('priceVerifierDigit (GS1 §7.9.3)', () => {
  it.each([
    ['2875', 9],
    ['1234', 9],
    ['14685', 6],
    ['06870', 1],
  ])('%s → %i', (value, digit) => {
    expect(priceVerifierDigit(value)).toBe(digit);
  });

  it('refuses other lengths', () => {
    expect(appError(() => priceVerifierDigit('123')).code).toBe('INVALID_BARCODE');
    expect(appError(() => priceVerifierDigit('123456')).code).toBe('INVALID_BARCODE');
  });

  it('changes whenever one digit of the price changes', () => {
    const value = fc.constantFrom(4, 5).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));
    fc.assert(
      fc.property(value, fc.nat(), fc.integer({ min: 1, max: 9 }), (v, pos, delta) => {
        const i = pos % v.length;
        const other = `${v.slice(0, i)}${(Number(v[i]) + delta) % 10}${v.slice(i + 1)}`;
        expect(priceVerifierDigit(other)).not.toBe(priceVerifierDigit(v));
      }),
      FC,
    );
  });
});

describe('decodeVariableMeasure', () => {
  it('reads a UK price label (20 · item 11122 · verifier · £12.34)', () => {
    expect(decodeVariableMeasure('2011122912346', UK_PRICE)).toEqual({
      prefix: '20',
      itemRef: '11122',
      kind: 'price',
      priceCents: 1234,
    });
  });

  it('reads a German weight label (28 · item 1111 · verifier · 6.870 kg)', () => {
    expect(decodeVariableMeasure('2811111068708', DE_WEIGHT)).toEqual({ prefix: '28', itemRef: '1111', kind: 'weight', grams: 6870 });
  });

  it('reads labels without a verifier digit (Sweden, Norway, Denmark)', () => {
    expect(decodeVariableMeasure('2088060112343', SE_PRICE)).toMatchObject({ itemRef: '880601', priceCents: 1234 });
    expect(decodeVariableMeasure('2302148210869', NO_WEIGHT)).toMatchObject({ itemRef: '021482', grams: 1086 });
    expect(decodeVariableMeasure('2712341002251', DK_WEIGHT)).toMatchObject({ itemRef: '12341', grams: 225 });
  });

  it('honours implied decimals for prices and weights', () => {
    const price5 = template({ prefixes: ['21'], itemRefLength: 5, valueKind: 'price', valueLength: 5, decimals: 2 });
    expect(decodeVariableMeasure(build(price5, '21', '12345', '00250'), price5).priceCents).toBe(250);
    const wholePounds = { ...price5, decimals: 0 };
    expect(decodeVariableMeasure(build(wholePounds, '21', '12345', '00015'), wholePounds).priceCents).toBe(1500);
    const tenthPence = { ...price5, decimals: 3 };
    expect(decodeVariableMeasure(build(tenthPence, '21', '12345', '12345'), tenthPence).priceCents).toBe(1235);
    const yen = { ...price5, decimals: 0 };
    expect(decodeVariableMeasure(build(yen, '21', '12345', '01500'), yen, 0).priceCents).toBe(1500);
    const hectograms = template({ prefixes: ['24'], itemRefLength: 6, valueKind: 'weight', valueLength: 4, decimals: 2 });
    expect(decodeVariableMeasure(build(hectograms, '24', '000123', '0125'), hectograms).grams).toBe(1250);
  });

  it('refuses a misprinted price (verifier digit wrong, outer check digit right)', () => {
    const err = appError(() => decodeVariableMeasure('2011122812349', UK_PRICE));
    expect(err.code).toBe('INVALID_BARCODE');
    expect(err.message).toMatch(/price in this barcode fails its check digit/);
  });

  it.each([
    ['2011122912345', /last digit should be 6/],
    ['5012345678900', /starting 50 are not set up/],
    ['2111122912343', /starting 21 are not set up/],
    ['036000291452', /13-digit/],
    ['201112291236', /13-digit/],
  ])('refuses %s with INVALID_BARCODE', (code, message) => {
    const err = appError(() => decodeVariableMeasure(code, UK_PRICE));
    expect(err.code).toBe('INVALID_BARCODE');
    expect(err.message).toMatch(message);
  });

  it('refuses a template that does not fit 13 digits as a settings problem', () => {
    const tooLong = template({ itemRefLength: 6, hasVerifierDigit: true, valueKind: 'price', valueLength: 5, decimals: 2 });
    expect(gs1TemplateProblem(tooLong)).toMatch(/uses 15 digits/);
    expect(gs1TemplateProblem(UK_PRICE)).toBeNull();
    const err = appError(() => decodeVariableMeasure('2011122912346', tooLong));
    expect(err.code).toBe('BAD_INPUT');
  });

  it('decodes whatever a scale prints, for every layout that fits', () => {
    const layouts: [number, boolean, number][] = [
      [4, false, 6],
      [5, false, 5],
      [6, false, 4],
      [4, true, 5],
      [5, true, 4],
    ];
    const arb = fc.record({
      layout: fc.constantFrom(...layouts),
      kind: fc.constantFrom('price' as const, 'weight' as const),
      prefix: fc.constantFrom('20', '21', '25', '29'),
      digits: fc.stringMatching(/^\d{10}$/),
    });
    fc.assert(
      fc.property(arb, ({ layout: [itemLen, verifier, valueLen], kind, prefix, digits }) => {
        const t = template({ itemRefLength: itemLen, hasVerifierDigit: verifier, valueKind: kind, valueLength: valueLen, decimals: 2 });
        const item = digits.slice(0, itemLen);
        const value = digits.slice(itemLen, itemLen + valueLen);
        const code = build(t, prefix, item, value);
        expect(isVariableMeasure(code, t)).toBe(true);
        const decoded = decodeVariableMeasure(code, t);
        expect(decoded.itemRef).toBe(item);
        if (kind === 'price') expect(decoded.priceCents).toBe(Number(value));
        else expect(decoded.grams).toBe(Number(value) * 10);
      }),
      FC,
    );
  });
});
