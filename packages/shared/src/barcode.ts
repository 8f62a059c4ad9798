/**
 * Retail barcodes (DESIGN §3): EAN-13 / UPC-A / EAN-8 check digits and GS1 variable-measure codes
 * (prefix 20–29: the scale prints the price or weight into the barcode). GS1 General Specifications §7.9.
 */
import { AppError } from './errors';
import { cents, roundHalfUp } from './money';
import type { GS1Template } from './schemas/vendors';

export type BarcodeKind = 'EAN13' | 'UPCA' | 'EAN8';

export type BarcodeValidation = { ok: true; kind: BarcodeKind; normalized: string } | { ok: false; reason: string };

const DIGITS_RE = /^\d+$/;

function invalid(message: string): AppError {
  return new AppError('INVALID_BARCODE', message);
}

/** GS1 mod-10 check digit: weights 3,1,3,1… from the rightmost digit. */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  if (!DIGITS_RE.test(digitsWithoutCheck)) throw invalid('A barcode contains only digits.');
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** What a scanner or a person typed, without the spaces/dashes printed under the bars. */
function clean(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * Checks length and check digit. `normalized` is the lookup key for the catalog: UPC-A is stored as its
 * 13-digit EAN form (a leading 0), because scanners report the same UPC either way; EAN-8 stays 8 digits.
 * A 13-digit code starting with 0 is reported as UPCA since that is what it is.
 */
export function validateBarcode(code: string): BarcodeValidation {
  const c = clean(code);
  if (c === '') return { ok: false, reason: 'The barcode is empty.' };
  if (!DIGITS_RE.test(c)) return { ok: false, reason: 'A barcode contains only digits.' };
  if (c.length !== 8 && c.length !== 12 && c.length !== 13) {
    return { ok: false, reason: `A barcode has 8, 12 or 13 digits; this one has ${c.length}.` };
  }
  const expected = gtinCheckDigit(c.slice(0, -1));
  if (Number(c.slice(-1)) !== expected) {
    return { ok: false, reason: `The last digit should be ${expected}, not ${c.slice(-1)}. Rescan or retype the code.` };
  }
  if (c.length === 8) return { ok: true, kind: 'EAN8', normalized: c };
  if (c.length === 12) return { ok: true, kind: 'UPCA', normalized: `0${c}` };
  return { ok: true, kind: c.startsWith('0') ? 'UPCA' : 'EAN13', normalized: c };
}

const DEFAULT_PREFIXES = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/** True when the code is 13 digits starting with one of the template's variable-measure prefixes (20–29). */
export function isVariableMeasure(code: string, template?: GS1Template): boolean {
  const c = clean(code);
  if (c.length !== 13 || !DIGITS_RE.test(c)) return false;
  return (template?.prefixes ?? DEFAULT_PREFIXES).includes(c.slice(0, 2));
}

export type VariableMeasure = {
  /** the two-digit GS1 prefix (20–29) */
  prefix: string;
  itemRef: string;
  kind: 'price' | 'weight';
  priceCents?: number;
  grams?: number;
};

// GS1 §7.9.3 weighting tables: the units digit of each weighted product.
const W2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const W3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const W5_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const W5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

function weighted(value: string, tables: readonly (readonly number[])[]): number {
  return tables.reduce((sum, table, i) => sum + (table[value.charCodeAt(i) - 48] ?? 0), 0);
}

/** The GS1 price/weight verifier digit for a 4- or 5-digit value field. */
export function priceVerifierDigit(value: string): number {
  if (!DIGITS_RE.test(value) || (value.length !== 4 && value.length !== 5)) {
    throw invalid('A price check digit covers a 4- or 5-digit value.');
  }
  if (value.length === 4) return (weighted(value, [W2_MINUS, W2_MINUS, W3, W5_MINUS]) * 3) % 10;
  const target = (10 - (weighted(value, [W5_PLUS, W2_MINUS, W5_MINUS, W5_PLUS, W2_MINUS]) % 10)) % 10;
  return W5_MINUS.indexOf(target);
}

/** Why a template cannot describe a 13-digit code, or null if it can. */
export function gs1TemplateProblem(template: GS1Template): string | null {
  const used = 2 + template.itemRefLength + (template.hasVerifierDigit ? 1 : 0) + template.valueLength + 1;
  if (used !== 13) {
    return `The barcode template uses ${used} digits but an EAN-13 has 13: prefix 2 + item ${template.itemRefLength}${
      template.hasVerifierDigit ? ' + verifier 1' : ''
    } + value ${template.valueLength} + check 1.`;
  }
  if (template.hasVerifierDigit && template.valueLength > 5) return 'A price check digit covers at most 5 value digits.';
  return null;
}

/** A value printed with `decimals` implied decimals, expressed in units of 10^-targetDigits, half-up. */
function rescale(value: number, decimals: number, targetDigits: number): number {
  const shift = targetDigits - decimals;
  // more printed decimals than the target unit has (e.g. a price to 0.1p): round half-up to the unit
  return cents(shift >= 0 ? value * 10 ** shift : roundHalfUp(value, 10 ** -shift));
}

/** Converts the value field to minor units (price) or grams (weight: kg with 3 decimals = grams). */
function measure(value: number, template: GS1Template, minorDigits: number): Pick<VariableMeasure, 'priceCents' | 'grams'> {
  if (template.valueKind === 'weight') return { grams: rescale(value, template.decimals, 3) };
  return { priceCents: rescale(value, template.decimals, minorDigits) };
}

/**
 * Decodes a variable-measure EAN-13 with the vendor's template:
 * prefix(2) · item ref(itemRefLength) · [price verifier(1)] · value(valueLength) · check(1).
 * `minorDigits` is the currency's minor-unit digits (2 for GBP/EUR/USD, 0 for JPY).
 */
export function decodeVariableMeasure(code: string, template: GS1Template, minorDigits = 2): VariableMeasure {
  const problem = gs1TemplateProblem(template);
  if (problem) throw new AppError('BAD_INPUT', problem);
  const c = clean(code);
  const check = validateBarcode(c);
  if (!check.ok) throw invalid(check.reason);
  if (c.length !== 13) throw invalid('A weighed or priced item has a 13-digit barcode.');
  const prefix = c.slice(0, 2);
  if (!template.prefixes.includes(prefix)) {
    throw invalid(`Barcodes starting ${prefix} are not set up as weighed or priced items.`);
  }
  const itemEnd = 2 + template.itemRefLength;
  const valueStart = itemEnd + (template.hasVerifierDigit ? 1 : 0);
  const value = c.slice(valueStart, valueStart + template.valueLength);
  if (template.hasVerifierDigit) {
    const expected = priceVerifierDigit(value);
    if (Number(c[itemEnd]) !== expected) {
      throw invalid(`The ${template.valueKind} in this barcode fails its check digit. Rescan or weigh the item again.`);
    }
  }
  return {
    prefix,
    itemRef: c.slice(2, itemEnd),
    kind: template.valueKind,
    ...measure(Number(value), template, minorDigits),
  };
}
