import { formatMoney, minorUnitDigits } from '@makeries/shared';

/** Money on screen: integer minor units in, the shop's currency out in the marketplace's locale ("£12.50"). */
export function money(cents: number, currency: string): string {
  return formatMoney(cents, currency);
}

/** A discount or refund shown as money going out: "−£1.50" with a real minus sign. */
export function minus(cents: number, currency: string): string {
  return `\u2212${money(Math.abs(cents), currency)}`;
}

/** Items as a count, weighed goods in kg with three decimals (the line stores grams). */
export function quantityText(quantity: number, soldBy: 'each' | 'weight'): string {
  if (soldBy === 'each') return String(quantity);
  return `${(quantity / 1000).toFixed(3)} kg`;
}

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear';

/** Longest amount the keypad takes: 9 digits is 9,999,999.99 in a 2-decimal currency. */
const MAX_DIGITS = 9;

/**
 * A till's amount entry: digits shift in from the right, so 2-0-0-0 reads £20.00 and nobody types a decimal
 * point. `digits` is the amount in minor units as typed ('' = nothing yet).
 */
export function pressKey(digits: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'back') return digits.slice(0, -1);
  const next = (digits + key).replace(/^0+/, '');
  return next.length > MAX_DIGITS ? digits : next;
}

export function digitsToCents(digits: string): number {
  return digits === '' ? 0 : Number.parseInt(digits, 10);
}

export function centsToDigits(cents: number): string {
  return cents > 0 ? String(cents) : '';
}

/** Keys a physical keyboard sends that the keypad understands (numpad included). */
export function keypadKeyFor(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === 'Backspace') return 'back';
  if (key === 'Delete' || key === 'Escape') return 'clear';
  return null;
}

/** The denominations of a drawer, largest first, in minor units; coins below the note line. */
export function denominationsFor(currency: string): { valueCents: number; note: boolean }[] {
  const table: Record<string, { notes: number[]; coins: number[] }> = {
    GBP: { notes: [5000, 2000, 1000, 500], coins: [200, 100, 50, 20, 10, 5, 2, 1] },
    EUR: { notes: [20000, 10000, 5000, 2000, 1000, 500], coins: [200, 100, 50, 20, 10, 5, 2, 1] },
    USD: { notes: [10000, 5000, 2000, 1000, 500, 100], coins: [25, 10, 5, 1] },
    CAD: { notes: [10000, 5000, 2000, 1000, 500], coins: [200, 100, 25, 10, 5] },
    AUD: { notes: [10000, 5000, 2000, 1000, 500], coins: [200, 100, 50, 20, 10, 5] },
  };
  const t = table[currency];
  if (t) return [...t.notes.map((v) => ({ valueCents: v, note: true })), ...t.coins.map((v) => ({ valueCents: v, note: false }))];
  // an unlisted currency: generic 1-2-5 steps scaled to its minor unit
  const unit = 10 ** minorUnitDigits(currency);
  const steps = [100, 50, 20, 10, 5, 2, 1].map((s) => s * unit);
  return steps.map((v) => ({ valueCents: v, note: v >= 5 * unit }));
}

/** Basis points as people say them: 1000 → "10%", 1250 → "12.5%". */
export function percentOfText(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}
