import { formatDate, weekdayOfDate, type LocalDate, type Weekday } from './local-date';

/*
 * What the wall clock of an IANA time zone shows at an instant (epoch milliseconds or a Date).
 *
 * Reading the wall clock at an instant is a table look-up, not arithmetic: Intl.DateTimeFormat#formatToParts with
 * the zone, exactly what temporal-polyfill itself does to learn a zone's offsets. We call it directly because
 * opening hours ask it thousands of times (search, pickup slots): it costs ~15 µs a read in Node 20, where the
 * polyfill's Instant → ZonedDateTime fields cost ~40 µs (bigint nanoseconds). The other direction — which instant
 * a local date and time is, what happens in a gap or an overlap, days across a clock change — is Temporal's, in
 * zoned.ts.
 */

export type InstantLike = number | Date;

export const epochMs = (at: InstantLike): number => (typeof at === 'number' ? at : at.getTime());

/** What a clock on the shop's wall shows at an instant. */
export interface WallClock {
  date: LocalDate;
  year: number;
  month: number; // 1–12
  day: number;
  hour: number; // 0–23
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: Weekday;
  /** minutes since local midnight (hour × 60 + minute) */
  minuteOfDay: number;
}

const readers = new Map<string, Intl.DateTimeFormat>();

function reader(timeZone: string): Intl.DateTimeFormat {
  let f = readers.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    readers.set(timeZone, f);
  }
  return f;
}

export function wallClock(timeZone: string, at: InstantLike): WallClock {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of reader(timeZone).formatToParts(epochMs(at))) {
    if (p.type === 'year') year = Number(p.value);
    else if (p.type === 'month') month = Number(p.value);
    else if (p.type === 'day') day = Number(p.value);
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
    else if (p.type === 'second') second = Number(p.value);
  }
  return { date: formatDate({ year, month, day }), year, month, day, hour, minute, second, weekday: weekdayOfDate(year, month, day), minuteOfDay: hour * 60 + minute };
}

/** The local calendar date at an instant ("today" in the shop). */
export function localDateIn(timeZone: string, at: InstantLike): LocalDate {
  return wallClock(timeZone, at).date;
}

/** The local day of the week at an instant: 0 = Sunday … 6 = Saturday. */
export function weekdayIn(timeZone: string, at: InstantLike): Weekday {
  return wallClock(timeZone, at).weekday;
}
