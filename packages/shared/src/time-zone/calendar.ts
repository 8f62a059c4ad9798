import * as PlainDate from 'temporal-polyfill/fns/PlainDate';
import { formatDate, weekdayOfDate, type LocalDate, type Weekday } from './local-date';

/*
 * Local calendar dates ("2025-03-30"): the days a shop's reports, hours and pickup slots are counted in. A date
 * has no time zone of its own; zoned.ts turns one into instants of a particular zone.
 */

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date as a Temporal record, or null when the text is not a real date (2025-02-29, 2025-13-01, "1 May"). */
function parse(date: LocalDate): PlainDate.Record | null {
  const m = DATE_TEXT.exec(date);
  if (!m) return null;
  try {
    return PlainDate.create(Number(m[1]), Number(m[2]), Number(m[3]));
  } catch {
    return null;
  }
}

export function plainDate(date: LocalDate): PlainDate.Record {
  const d = parse(date);
  if (!d) throw new RangeError(`Not a calendar date: ${date}`);
  return d;
}

/** True for a YYYY-MM-DD text that names a day that exists. */
export function isLocalDate(text: string): boolean {
  return parse(text) !== null;
}

/** Calendar days later (or earlier): always whole days, whatever the clocks do. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return formatDate(PlainDate.addDays(plainDate(date), days));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return PlainDate.diffDays(plainDate(from), plainDate(to));
}

/** The Monday on or before the date (weeks start on Monday, ISO 8601). */
export function startOfWeek(date: LocalDate): LocalDate {
  return formatDate(PlainDate.startOfWeek(plainDate(date)));
}

/** The first day of the date's month. */
export function startOfMonth(date: LocalDate): LocalDate {
  return formatDate(PlainDate.startOfMonth(plainDate(date)));
}

export function weekdayOf(date: LocalDate): Weekday {
  const d = plainDate(date);
  return weekdayOfDate(d.year, d.month, d.day);
}
