import { formatMoney } from '@makeries/shared';

/** How one document prints money, quantities and times: its own currency, locale and time zone. */
export interface Formats {
  money(cents: number): string;
  /** "+£0.02" / "-£0.02": an adjustment, never mistaken for an amount due */
  signed(cents: number): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  /** "2 x £1.95" or "0.333 kg @ £24.00/kg" */
  quantity(soldBy: 'each' | 'weight', quantity: number, unitPriceCents: number): string;
  /** "3" or "0.333 kg" */
  amountOf(soldBy: 'each' | 'weight', quantity: number): string;
}

/** Grams as kilograms with three decimals, in integer arithmetic ("333" → "0.333"). */
function kilograms(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const g = Math.abs(grams);
  return `${sign}${Math.floor(g / 1000)}.${String(g % 1000).padStart(3, '0')}`;
}

function dateFormatter(locale: string, timeZone: string, withDate: boolean): { format(d: Date): string; zoneNote: string } {
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (withDate) Object.assign(opts, { day: '2-digit', month: '2-digit', year: 'numeric' });
  try {
    return { format: (d) => new Intl.DateTimeFormat(locale, { ...opts, timeZone }).format(d), zoneNote: '' };
  } catch {
    // an unknown zone name must not stop a receipt from printing; say which clock the time is on
    return { format: (d) => new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' }).format(d), zoneNote: ' UTC' };
  }
}

export function formatsFor(doc: { currency: string; locale: string; timezone: string }): Formats {
  const money = (cents: number) => formatMoney(cents, doc.currency, doc.locale);
  const full = dateFormatter(doc.locale, doc.timezone, true);
  const short = dateFormatter(doc.locale, doc.timezone, false);
  return {
    money,
    signed: (cents) => (cents > 0 ? `+${money(cents)}` : money(cents)),
    dateTime: (iso) => `${full.format(new Date(iso))}${full.zoneNote}`,
    time: (iso) => `${short.format(new Date(iso))}${short.zoneNote}`,
    quantity: (soldBy, quantity, unit) =>
      soldBy === 'weight' ? `${kilograms(quantity)} kg @ ${money(unit)}/kg` : `${quantity} x ${money(unit)}`,
    amountOf: (soldBy, quantity) => (soldBy === 'weight' ? `${kilograms(quantity)} kg` : String(quantity)),
  };
}
