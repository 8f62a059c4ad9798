/**
 * The one place money and times become text (DESIGN §3: formatting only through Intl). Building an Intl
 * formatter costs far more than using one (a storefront page or a receipt formats dozens of values), so each
 * distinct (locale, currency) and (locale, time zone, style) is built once and kept.
 *
 * The locale is the marketplace's (`MARKET_LOCALE` on the server, synced to counters, sent to the storefront
 * with the page). Each process says which it is once, at start, with `setMarketLocale`; a call may still pass
 * a locale of its own (a receipt prints in the locale stored on its document).
 */
import { AppError } from '../errors';
import { cents, minorUnitDigits } from '../money';
import { currentLocale, requireLocale } from './locale';

export { currentLocale, requireLocale, setMarketLocale } from './locale';

/** Exact decimal text of a minor-unit amount ("-1250", 2 → "-12.50"), so huge amounts never pass through a float. */
function toDecimalString(amount: number, digits: number): `${number}` {
  const negative = amount < 0;
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  const text = digits > 0 ? `${whole}.${frac}` : whole;
  return (negative ? `-${text}` : text) as `${number}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units as the locale writes that currency: 450 GBP en-GB → "£4.50", 450 EUR de-DE → "4,50 €". */
export function formatMoney(amount: number, currency: string, locale = currentLocale()): string {
  const value = cents(amount);
  return moneyFormat(currency, locale).format(toDecimalString(value, minorUnitDigits(currency)));
}

/** The locale's formatter for a currency, made once (an unknown currency or locale is BAD_INPUT). */
function moneyFormat(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let fmt = moneyFormats.get(key);
  if (!fmt) {
    minorUnitDigits(currency);
    fmt = new Intl.NumberFormat(requireLocale(locale), { style: 'currency', currency });
    moneyFormats.set(key, fmt);
  }
  return fmt;
}

/** The currency's sign as the locale shows it ("£", "€"), e.g. beside a price field. */
export function currencySymbol(currency: string, locale = currentLocale()): string {
  return moneyFormat(currency, locale).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
}

/**
 * The date and time shapes the apps show, by name, so one shape looks the same on every screen and paper.
 * Examples in en-GB.
 */
const DATE_STYLES = {
  /** "14:05" (24-hour clock) */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "3 May" */
  dayMonth: { day: 'numeric', month: 'short' },
  /** "3 May 2025" */
  dayMonthYear: { day: 'numeric', month: 'short', year: 'numeric' },
  /** "Sat 3 May" */
  weekdayDayMonth: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "Sat 14:05" */
  weekdayTime: { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "Sat 3 May, 14:05" */
  weekdayDayMonthTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "03/05/2025, 14:05" (receipts) */
  numericDateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "3 May 2025, 14:05" */
  mediumDateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** "Saturday 3 May 2025 at 14:05" */
  fullDateTime: { dateStyle: 'full', timeStyle: 'short' },
  /** "Saturday" */
  weekdayLong: { weekday: 'long' },
  /** "Sat, 3 May 2025" */
  weekdayDate: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment in one of the named styles. `timeZone` unset = the runtime's zone (the counter's own clock);
 * an unknown zone is BAD_INPUT (a receipt that must print anyway checks `isTimeZone` first).
 */
export function formatDate(at: Date | string | number, style: DateStyle, opts: { timeZone?: string | undefined; locale?: string } = {}): string {
  const locale = opts.locale ?? currentLocale();
  const key = `${locale}|${opts.timeZone ?? ''}|${style}`;
  let fmt = dateFormats.get(key);
  if (!fmt) {
    const options: Intl.DateTimeFormatOptions = { ...DATE_STYLES[style], ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) };
    try {
      fmt = new Intl.DateTimeFormat(requireLocale(locale), options);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BAD_INPUT', `"${opts.timeZone ?? ''}" is not a time zone like Europe/London.`);
    }
    dateFormats.set(key, fmt);
  }
  return fmt.format(typeof at === 'object' ? at : new Date(at));
}

/** A calendar date ("2025-05-01") in a named date style ("Thu 1 May"), the same on any machine whatever its own zone. */
export function formatCalendarDate(date: string, style: DateStyle, opts: { locale?: string } = {}): string {
  return formatDate(`${date}T12:00:00Z`, style, { timeZone: 'UTC', ...opts });
}
