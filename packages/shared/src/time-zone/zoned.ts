import * as Instant from 'temporal-polyfill/fns/Instant';
import * as PlainDateTime from 'temporal-polyfill/fns/PlainDateTime';
import * as ZonedDateTime from 'temporal-polyfill/fns/ZonedDateTime';
import { addDays, plainDate, startOfMonth, startOfWeek } from './calendar';
import type { LocalDate } from './local-date';
import { epochMs, localDateIn, type InstantLike } from './wall-clock';

/*
 * Which instant a local date and time is in a zone — with one rule for the times the clocks skip or repeat — and
 * local days, weeks and months as instants: Temporal's work (temporal-polyfill's tree-shakeable fns API).
 */

function zoned(timeZone: string, at: InstantLike): ZonedDateTime.Record {
  return Instant.toZonedDateTimeISO(Instant.fromEpochMilliseconds(epochMs(at)), timeZone);
}

/**
 * THE rule for wall-clock times that do not name exactly one instant: the first instant at which the zone's
 * clock shows that time or later. So a time skipped when the clocks go forward (02:30 in New York on a March
 * Sunday) is the moment of the jump (03:00 EDT), and a time that happens twice when they go back (01:30 in
 * London on an October Sunday) is its first occurrence (01:30 BST).
 */
function resolve(timeZone: string, wall: PlainDateTime.Record): number {
  const earlier = PlainDateTime.toZonedDateTime(wall, timeZone, { disambiguation: 'earlier' });
  if (PlainDateTime.compare(ZonedDateTime.toPlainDateTime(earlier), wall) === 0) return earlier.epochMilliseconds;
  // In a gap: `earlier` is the same wall time on the old offset, just before the jump; the jump is the answer.
  const jump = ZonedDateTime.getTimeZoneTransition(earlier, 'next');
  if (!jump) throw new RangeError(`No clock change after ${wall.toJSON()} in ${timeZone}`);
  return jump.epochMilliseconds;
}

const TIME_TEXT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant of a local date and time ("HH:MM", 24-hour; "24:00" is the start of the next day) in a zone,
 * following the rule above for times the clocks skip or repeat.
 */
export function instantAt(timeZone: string, date: LocalDate, time = '00:00'): number {
  if (time === '24:00') return instantAt(timeZone, addDays(date, 1));
  const m = TIME_TEXT.exec(time);
  if (!m) throw new RangeError(`Not a time of day: ${time}`);
  const d = plainDate(date);
  return resolve(timeZone, PlainDateTime.create(d.year, d.month, d.day, Number(m[1]), Number(m[2])));
}

/** The first instant of a local day (its midnight, or the end of a gap where midnight is skipped). */
export function startOfLocalDay(timeZone: string, date: LocalDate): number {
  return instantAt(timeZone, date);
}

/**
 * The same wall-clock time `days` local days later (or earlier): across a clock change that is 23 or 25 hours
 * per day crossed, not 24. A result that lands in a gap follows the rule above.
 */
export function addLocalDays(timeZone: string, at: InstantLike, days: number): number {
  const wall = ZonedDateTime.toPlainDateTime(zoned(timeZone, at));
  return resolve(timeZone, PlainDateTime.addDays(wall, days));
}

/** Whole local days, first to last inclusive, and the instants that bound them (end is exclusive). */
export interface LocalSpan {
  first: LocalDate;
  last: LocalDate;
  start: number;
  end: number;
}

export function localSpan(timeZone: string, first: LocalDate, last: LocalDate): LocalSpan {
  return { first, last, start: startOfLocalDay(timeZone, first), end: startOfLocalDay(timeZone, addDays(last, 1)) };
}

/** The local day, week (Monday to Sunday) or calendar month that contains an instant. */
export function localPeriod(timeZone: string, at: InstantLike, period: 'day' | 'week' | 'month'): LocalSpan {
  const today = localDateIn(timeZone, at);
  switch (period) {
    case 'day':
      return localSpan(timeZone, today, today);
    case 'week': {
      const monday = startOfWeek(today);
      return localSpan(timeZone, monday, addDays(monday, 6));
    }
    case 'month': {
      const first = startOfMonth(today);
      const nextFirst = startOfMonth(addDays(first, 31)); // 31 days on is always in the next month
      return localSpan(timeZone, first, addDays(nextFirst, -1));
    }
  }
}
