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
