import { formatDate, formatMoney } from '@makeries/shared';

/** How one document prints money, quantities and times: its own currency, locale and time zone. */
export interface Formats {
  // properties, not methods: a layout passes them on as plain functions (`doc.type === 'refund' ? … : f.money`)
  money: (cents: number) => string;
  /** "+£0.02" / "-£0.02": an adjustment, never mistaken for an amount due */
  signed: (cents: number) => string;
  dateTime: (iso: string) => string;
  time: (iso: string) => string;
  /** "2 x £1.95" or "0.333 kg @ £24.00/kg" */
  quantity: (soldBy: 'each' | 'weight', quantity: number, unitPriceCents: number) => string;
  /** "3" or "0.333 kg" */
  amountOf: (soldBy: 'each' | 'weight', quantity: number) => string;
}

/** Grams as kilograms with three decimals, in integer arithmetic ("333" → "0.333"). */
function kilograms(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const g = Math.abs(grams);
  return `${sign}${Math.floor(g / 1000)}.${String(g % 1000).padStart(3, '0')}`;
}

/** A time on the document's clock; an unknown zone name must not stop a receipt from printing: UTC, and say so. */
function timeText(iso: string, style: 'numericDateTime' | 'time', locale: string, timeZone: string): string {
  try {
    return formatDate(iso, style, { timeZone, locale });
  } catch {
    return `${formatDate(iso, style, { timeZone: 'UTC', locale })} UTC`;
  }
}

export function formatsFor(doc: { currency: string; locale: string; timezone: string }): Formats {
  const money = (cents: number) => formatMoney(cents, doc.currency, doc.locale);
  return {
    money,
    signed: (cents) => (cents > 0 ? `+${money(cents)}` : money(cents)),
    dateTime: (iso) => timeText(iso, 'numericDateTime', doc.locale, doc.timezone),
    time: (iso) => timeText(iso, 'time', doc.locale, doc.timezone),
    quantity: (soldBy, quantity, unit) =>
      soldBy === 'weight' ? `${kilograms(quantity)} kg @ ${money(unit)}/kg` : `${quantity} x ${money(unit)}`,
    amountOf: (soldBy, quantity) => (soldBy === 'weight' ? `${kilograms(quantity)} kg` : String(quantity)),
  };
}
