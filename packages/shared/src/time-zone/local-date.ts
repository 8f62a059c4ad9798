/*
 * A local calendar date ("2025-03-30") and a weekday, as the rest of the module passes them around. No Temporal
 * import here: the storefront's vendor page needs only the wall-clock reader and this, not the polyfill.
 */

/** A calendar date as YYYY-MM-DD, in whichever zone the caller means. */
export type LocalDate = string;

/** 0 = Sunday … 6 = Saturday: the convention of opening hours (and of Date#getDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function formatDate(d: { year: number; month: number; day: number }): LocalDate {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * The weekday of a calendar date, from the platform's own (proleptic Gregorian) calendar: no time zone is
 * involved, so reading a UTC date is exact. Cheaper than asking Intl or Temporal, which matters on the hot path
 * of "is the shop open at this instant?".
 */
export function weekdayOfDate(year: number, month: number, day: number): Weekday {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return d.getUTCDay() as Weekday;
}
