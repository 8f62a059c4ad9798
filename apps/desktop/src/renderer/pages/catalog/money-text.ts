import { minorUnitDigits } from '@makeries/shared';

/** Minor units as the plain decimal a person edits ("450" → "4.50"); the money helpers parse it back. */
export function centsToText(cents: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const abs = String(Math.abs(cents)).padStart(digits + 1, '0');
  const text = digits > 0 ? `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}` : abs;
  return cents < 0 ? `-${text}` : text;
}
