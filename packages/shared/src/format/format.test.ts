import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseMoney } from '../money';
import { currencySymbol, currentLocale, formatDate, formatMoney, setMarketLocale } from './format';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return undefined;
}

// a Saturday, 14:05 in London (BST), 15:05 in Berlin
const AT = '2025-05-03T13:05:00.000Z';
const runtimeLocale = new Intl.NumberFormat().resolvedOptions().locale;

afterEach(() => setMarketLocale(runtimeLocale));

describe('formatMoney', () => {
  it('formats minor units the way a receipt shows them', () => {
    expect(formatMoney(1250, 'GBP', 'en-GB')).toBe('£12.50');
    expect(formatMoney(-1250, 'GBP', 'en-GB')).toBe('-£12.50');
    expect(formatMoney(0, 'GBP', 'en-GB')).toBe('£0.00');
    expect(formatMoney(-0, 'GBP', 'en-GB')).toBe('£0.00');
    expect(formatMoney(5, 'GBP', 'en-GB')).toBe('£0.05');
    expect(formatMoney(123456, 'GBP', 'en-GB')).toBe('£1,234.56');
    expect(formatMoney(1500, 'JPY', 'en-GB')).toBe('JP¥1,500');
    expect(formatMoney(1500, 'JPY', 'ja-JP')).toBe('￥1,500');
    expect(formatMoney(123450, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234, 'KWD', 'en-GB')).toBe('KWD\u00a01.234');
  });

  it('stays exact for amounts a float division would blur', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'KWD', 'en-GB')).toBe('KWD\u00a09,007,199,254,740.991');
  });

  it('refuses fractional amounts, bad currencies and bad locales', () => {
    expect(codeOf(() => formatMoney(12.5, 'GBP', 'en-GB'))).toBe('BAD_INPUT');
    expect(codeOf(() => formatMoney(1250, 'pounds', 'en-GB'))).toBe('BAD_INPUT');
    expect(() => formatMoney(1250, 'GBP', 'not a locale!')).toThrow(/language tag/);
  });

  it("formats in the marketplace's locale once the process has set it", () => {
    setMarketLocale('de-DE');
    expect(currentLocale()).toBe('de-DE');
    expect(formatMoney(450, 'EUR')).toBe('4,50\u00a0€');
    expect(currencySymbol('EUR')).toBe('€');
    setMarketLocale('en-GB');
    expect(formatMoney(450, 'GBP')).toBe('£4.50');
    expect(currencySymbol('GBP')).toBe('£');
  });

  it('refuses to set a locale Intl does not know, and keeps the one it had', () => {
    setMarketLocale('en-GB');
    expect(codeOf(() => setMarketLocale('xx_YY!'))).toBe('BAD_INPUT');
    expect(currentLocale()).toBe('en-GB');
  });

  it("reads the marketplace currency's own sign when parsing", () => {
    setMarketLocale('de-DE');
    expect(parseMoney('€4.50', 'EUR')).toBe(450);
  });
});

describe('formatDate', () => {
  it('shows each named style in the given zone and locale', () => {
    const london = { timeZone: 'Europe/London', locale: 'en-GB' };
    expect(formatDate(AT, 'time', london)).toBe('14:05');
    expect(formatDate(AT, 'dayMonth', london)).toBe('3 May');
    expect(formatDate(AT, 'dayMonthYear', london)).toBe('3 May 2025');
    expect(formatDate(AT, 'weekdayTime', london)).toBe('Sat 14:05');
    expect(formatDate(AT, 'weekdayDayMonth', london)).toBe('Sat 3 May');
    expect(formatDate(AT, 'weekdayDayMonthTime', london)).toBe('Sat 3 May, 14:05');
    expect(formatDate(AT, 'numericDateTime', london)).toBe('03/05/2025, 14:05');
    expect(formatDate(AT, 'mediumDateTime', london)).toBe('3 May 2025, 14:05');
    expect(formatDate(new Date(AT), 'fullDateTime', london)).toBe('Saturday, 3 May 2025 at 14:05');
  });

  it('follows a second configuration: German words, Berlin time', () => {
    setMarketLocale('de-DE');
    expect(formatDate(AT, 'weekdayDayMonthTime', { timeZone: 'Europe/Berlin' })).toBe('Sa., 3. Mai, 15:05');
    expect(formatDate(AT, 'numericDateTime', { timeZone: 'Europe/Berlin' })).toBe('03.05.2025, 15:05');
  });

  it('refuses an unknown time zone with a clear message', () => {
    expect(() => formatDate(AT, 'time', { timeZone: 'Mars/Base', locale: 'en-GB' })).toThrow(/not a time zone/);
  });
});
