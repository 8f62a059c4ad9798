/**
 * Money is integer minor units (DESIGN §3). Every rounding step is explicit, half away from zero, and
 * computed with BigInt so intermediate products (price × quantity × rate) never lose precision.
 */
import { AppError } from './errors';
import { currentLocale } from './format/locale';

export type Cents = number & { readonly __brand: 'Cents' };

/** Brands a safe integer as minor units. `-0` becomes `0` so equality and formatting never see a negative zero. */
export function cents(n: number): Cents {
  if (!Number.isSafeInteger(n)) {
    throw new AppError('BAD_INPUT', `Amounts are whole minor units (cents); got ${String(n)}.`);
  }
  return (n + 0) as Cents;
}

export const ZERO: Cents = cents(0);

function requireInt(n: number | bigint, what: string): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) {
    throw new AppError('BAD_INPUT', `${what} must be a whole number; got ${String(n)}.`);
  }
  return BigInt(n);
}

function toCents(v: bigint): Cents {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AppError('BAD_INPUT', 'That amount is too large to handle.');
  }
  return cents(Number(v));
}

export function sumCents(xs: readonly number[]): Cents {
  let total = 0n;
  for (const x of xs) total += requireInt(x, 'An amount');
  return toCents(total);
}

export function addCents(...xs: number[]): Cents {
  return sumCents(xs);
}

export function subCents(a: number, b: number): Cents {
  return toCents(requireInt(a, 'An amount') - requireInt(b, 'An amount'));
}

function roundHalfUpBig(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new AppError('BAD_INPUT', 'Cannot divide an amount by zero.');
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // floor((2n + d) / 2d) rounds the magnitude to nearest with halves going up; the sign is re-applied after,
  // which makes halves go away from zero on both sides (a refund mirrors its sale exactly).
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. Exact for any safe integers. */
export function roundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  const q = roundHalfUpBig(requireInt(numerator, 'A numerator'), requireInt(denominator, 'A denominator'));
  return toCents(q);
}

/** unit × quantity / scale, half-up. scale = 1000 prices grams at a per-kg unit price. */
export function mulCents(unit: number, quantity: number, scale = 1): Cents {
  const s = requireInt(scale, 'A quantity scale');
  if (s <= 0n) throw new AppError('BAD_INPUT', 'A quantity scale must be positive.');
  return toCents(roundHalfUpBig(requireInt(unit, 'A unit price') * requireInt(quantity, 'A quantity'), s));
}

/** amount × bps / 10 000, half-up (1% = 100 bps). */
export function percentOf(amount: number, bps: number): Cents {
  return toCents(roundHalfUpBig(requireInt(amount, 'An amount') * requireInt(bps, 'A percentage'), 10_000n));
}

/**
 * Splits `total` proportionally to `weights` so the parts add up to `total` exactly. Each part starts at the
 * floor of its share; the leftover units go one each to the largest weights (ties: lower index). All-zero
 * weights split equally. A negative total is the mirror image of the positive one, so a refund allocates
 * exactly like the sale it reverses.
 */
export function allocate(total: number, weights: readonly number[]): Cents[] {
  const t = requireInt(total, 'An amount to split');
  const ws = weights.map((w) => requireInt(w, 'A weight'));
  if (ws.some((w) => w < 0n)) throw new AppError('BAD_INPUT', 'Weights to split an amount over cannot be negative.');
  if (ws.length === 0) {
    if (t === 0n) return [];
    throw new AppError('BAD_INPUT', 'Cannot split an amount over nothing.');
  }
  if (t < 0n) return allocate(Number(-t), weights).map((c) => subCents(0, c));
  const effective = ws.every((w) => w === 0n) ? ws.map(() => 1n) : ws;
  const sumW = effective.reduce((a, b) => a + b, 0n);
  const parts = effective.map((w) => (t * w) / sumW);
  let leftover = t - parts.reduce((a, b) => a + b, 0n);
  const order = effective
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (a.w === b.w ? a.i - b.i : a.w > b.w ? -1 : 1));
  // leftover < number of positive weights, so one pass hands out every unit and never reaches a zero weight
  for (const { i } of order) {
    if (leftover === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map(toCents);
}

const CURRENCY_RE = /^[A-Z]{3}$/;
const digitsCache = new Map<string, number>();

function requireCurrency(currency: string): string {
  if (!CURRENCY_RE.test(currency)) {
    throw new AppError('BAD_INPUT', `Currency must be a 3-letter ISO code like GBP; got "${currency}".`);
  }
  return currency;
}

/** Digits after the decimal point for a currency, as Intl knows them (GBP 2, JPY 0, KWD 3). */
export function minorUnitDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  const fmt = new Intl.NumberFormat('en', { style: 'currency', currency: requireCurrency(currency) });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  digitsCache.set(currency, digits);
  return digits;
}

const AMOUNT_RE = /^(-)?(\d*)(?:\.(\d*))?$/;
const GROUPED_RE = /^-?\d{1,3}(,\d{3})+(\.\d*)?$/;

const symbolsCache = new Map<string, string[]>();

/** The marks a person may type around an amount: the ISO code and its symbols ("US$", "$"), longest first. */
function currencyMarks(currency: string): string[] {
  const key = `${currentLocale()}|${currency}`;
  const cached = symbolsCache.get(key);
  if (cached) return cached;
  const marks = new Set<string>([currency]);
  for (const display of ['symbol', 'narrowSymbol'] as const) {
    const fmt = new Intl.NumberFormat(currentLocale(), { style: 'currency', currency, currencyDisplay: display });
    const sym = fmt.formatToParts(1).find((p) => p.type === 'currency')?.value;
    if (sym) marks.add(sym);
  }
  const list = [...marks].sort((a, b) => b.length - a.length);
  symbolsCache.set(key, list);
  return list;
}

function stripCurrencyMarks(text: string, currency: string): string {
  let t = text.trim();
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1).trim();
  const mark = currencyMarks(currency).find((m) => t.startsWith(m) || t.endsWith(m));
  if (mark) t = (t.startsWith(mark) ? t.slice(mark.length) : t.slice(0, -mark.length)).trim();
  return negative ? `-${t}` : t;
}

/**
 * Parses what a person types ("12.50", "£12.50", "1,234.5", "-3", ".99") into minor units of `currency`.
 * Only "." is a decimal point; "," is accepted only as a thousands separator in proper groups of three.
 */
export function parseMoney(text: string, currency: string): Cents {
  const digits = minorUnitDigits(requireCurrency(currency));
  let t = stripCurrencyMarks(text, currency);
  if (GROUPED_RE.test(t)) t = t.replace(/,/g, '');
  const m = AMOUNT_RE.exec(t);
  const whole = m?.[2] ?? '';
  const fracRaw = m?.[3] ?? '';
  if (!m || (whole === '' && fracRaw === '')) {
    throw new AppError('BAD_INPUT', `"${text.trim()}" is not an amount. Type it like 12.50.`);
  }
  const frac = fracRaw.replace(/0+$/, '');
  if (frac.length > digits) {
    const example = digits === 0 ? 'a whole number' : `at most ${digits} decimal place${digits === 1 ? '' : 's'}`;
    throw new AppError('BAD_INPUT', `${currency} amounts have ${example}; got "${text.trim()}".`);
  }
  const minor = BigInt(`${whole || '0'}${frac.padEnd(digits, '0')}`);
  return toCents(m[1] ? -minor : minor);
}
