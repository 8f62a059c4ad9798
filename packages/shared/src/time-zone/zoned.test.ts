import fc from 'fast-check';
import * as Instant from 'temporal-polyfill/fns/Instant';
import * as ZonedDateTime from 'temporal-polyfill/fns/ZonedDateTime';
import { describe, expect, it } from 'vitest';
import { addLocalDays, instantAt, localDateIn, localPeriod, localSpan, startOfLocalDay, wallClock, weekdayIn } from './index';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const hoursIn = (tz: string, date: string) => {
  const day = localSpan(tz, date, date);
  return (day.end - day.start) / HOUR;
};

/*
 * The clock changes used below (2025):
 *   Europe/London     forward Sun 30 Mar 01:00 GMT → 02:00 BST (01:00Z); back Sun 26 Oct 02:00 BST → 01:00 GMT (01:00Z)
 *   America/New_York  forward Sun 9 Mar 02:00 EST → 03:00 EDT (07:00Z); back Sun 2 Nov 02:00 EDT → 01:00 EST (06:00Z)
 *   Australia/Sydney  back Sun 6 Apr 03:00 AEDT → 02:00 AEST (16:00Z Sat); forward Sun 5 Oct 02:00 AEST → 03:00 AEDT (16:00Z Sat)
 *   Asia/Kolkata      UTC+05:30 all year
 */

describe('the wall clock of an instant', () => {
  it('reads date, time and weekday in the zone, on either side of a clock change', () => {
    expect(wallClock('Europe/London', at('2025-03-30T00:59:00Z'))).toEqual({
      date: '2025-03-30', year: 2025, month: 3, day: 30, hour: 0, minute: 59, second: 0, weekday: 0, minuteOfDay: 59,
    });
    expect(wallClock('Europe/London', new Date('2025-03-30T01:00:00Z'))).toMatchObject({ hour: 2, minute: 0, minuteOfDay: 120 });
    // the repeated hour in New York: 05:30Z and 06:30Z both read 01:30
    expect(wallClock('America/New_York', at('2025-11-02T05:30:00Z'))).toMatchObject({ date: '2025-11-02', hour: 1, minute: 30 });
    expect(wallClock('America/New_York', at('2025-11-02T06:30:00Z'))).toMatchObject({ date: '2025-11-02', hour: 1, minute: 30 });
    // south of the equator the clocks go back in April
    expect(wallClock('Australia/Sydney', at('2025-04-05T15:59:00Z'))).toMatchObject({ date: '2025-04-06', hour: 2, minute: 59, weekday: 0 });
    expect(wallClock('Australia/Sydney', at('2025-04-05T16:00:00Z'))).toMatchObject({ date: '2025-04-06', hour: 2, minute: 0 });
    // half-hour offset
    expect(wallClock('Asia/Kolkata', at('2025-01-13T18:29:00Z'))).toMatchObject({ date: '2025-01-13', hour: 23, minute: 59, weekday: 1 });
    expect(wallClock('Asia/Kolkata', at('2025-01-13T18:30:00Z'))).toMatchObject({ date: '2025-01-14', hour: 0, minute: 0, weekday: 2 });
  });

  it('reads what Temporal reads, for any zone and instant', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (tz, ms) => {
        const z = Instant.toZonedDateTimeISO(Instant.fromEpochMilliseconds(ms), tz);
        const w = wallClock(tz, ms);
        expect([w.year, w.month, w.day, w.hour, w.minute, w.second, w.weekday]).toEqual([z.year, z.month, z.day, z.hour, z.minute, z.second, ZonedDateTime.dayOfWeek(z) % 7]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the local date and weekday, which may differ from UTC’s', () => {
    const sundayEveningUtc = at('2025-01-12T20:30:00Z');
    expect(localDateIn('UTC', sundayEveningUtc)).toBe('2025-01-12');
    expect(weekdayIn('UTC', sundayEveningUtc)).toBe(0);
    expect(localDateIn('Pacific/Auckland', sundayEveningUtc)).toBe('2025-01-13');
    expect(weekdayIn('Pacific/Auckland', sundayEveningUtc)).toBe(1);
    expect(weekdayIn('America/Los_Angeles', at('2025-01-13T07:59:00Z'))).toBe(0);
    expect(() => wallClock('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('the instant of a local date and time', () => {
  it('is exact on ordinary days, in any offset', () => {
    expect(iso(instantAt('Europe/London', '2025-01-15', '09:00'))).toBe('2025-01-15T09:00:00.000Z');
    expect(iso(instantAt('Europe/London', '2025-07-15', '09:00'))).toBe('2025-07-15T08:00:00.000Z');
    expect(iso(instantAt('Asia/Kolkata', '2025-03-30', '09:00'))).toBe('2025-03-30T03:30:00.000Z');
    expect(iso(instantAt('Australia/Sydney', '2025-01-15', '09:00'))).toBe('2025-01-14T22:00:00.000Z');
    expect(iso(instantAt('UTC', '2025-01-15', '24:00'))).toBe('2025-01-16T00:00:00.000Z');
  });

  it('is the moment of the jump for a time the clocks skip', () => {
    expect(iso(instantAt('Europe/London', '2025-03-30', '01:30'))).toBe('2025-03-30T01:00:00.000Z'); // = 02:00 BST
    expect(iso(instantAt('America/New_York', '2025-03-09', '02:30'))).toBe('2025-03-09T07:00:00.000Z'); // = 03:00 EDT
    expect(iso(instantAt('Australia/Sydney', '2025-10-05', '02:30'))).toBe('2025-10-04T16:00:00.000Z'); // = 03:00 AEDT
    // the first minute after the gap is itself
    expect(iso(instantAt('America/New_York', '2025-03-09', '03:00'))).toBe('2025-03-09T07:00:00.000Z');
  });

  it('is the first occurrence of a time the clocks repeat', () => {
    expect(iso(instantAt('Europe/London', '2025-10-26', '01:30'))).toBe('2025-10-26T00:30:00.000Z'); // BST, not GMT
    expect(iso(instantAt('America/New_York', '2025-11-02', '01:30'))).toBe('2025-11-02T05:30:00.000Z'); // EDT, not EST
    expect(iso(instantAt('Australia/Sydney', '2025-04-06', '02:30'))).toBe('2025-04-05T15:30:00.000Z'); // AEDT, not AEST
  });

  it('refuses text that is not a date or a time', () => {
    expect(() => instantAt('UTC', '2025-02-29')).toThrow(RangeError);
    expect(() => instantAt('UTC', '2025-01-15', '9:00')).toThrow(RangeError);
    expect(() => instantAt('UTC', '2025-01-15', '24:30')).toThrow(RangeError);
  });

  it('agrees with "the first instant whose wall clock shows that time or later" for any zone, day and time', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];
    const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => iso(ms).slice(0, 10));
    // bias towards the small hours of Sundays in March/April/October/November, where the clocks change
    const changeDay = fc.constantFrom('2025-03-09', '2025-03-30', '2025-04-06', '2025-10-05', '2025-10-26', '2025-11-02', '2025-09-07');
    const time = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => `${pad(Math.floor(q / 4))}:${pad((q % 4) * 15)}`);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.oneof(day, changeDay), time, (tz, date, hhmm) => {
        expect(instantAt(tz, date, hhmm)).toBe(firstMinuteAtOrAfter(tz, date, hhmm));
      }),
      { numRuns: 60 },
    );
  });
});

describe('local days, weeks and months', () => {
  it('a day is 23 hours when the clocks go forward and 25 when they go back', () => {
    expect([hoursIn('Europe/London', '2025-03-30'), hoursIn('Europe/London', '2025-10-26'), hoursIn('Europe/London', '2025-06-01')]).toEqual([23, 25, 24]);
    expect([hoursIn('America/New_York', '2025-03-09'), hoursIn('America/New_York', '2025-11-02')]).toEqual([23, 25]);
    expect([hoursIn('Australia/Sydney', '2025-10-05'), hoursIn('Australia/Sydney', '2025-04-06')]).toEqual([23, 25]);
    expect(hoursIn('Asia/Kolkata', '2025-03-30')).toBe(24);
    expect(iso(startOfLocalDay('Australia/Sydney', '2025-04-06'))).toBe('2025-04-05T13:00:00.000Z');
  });

  it('starts where midnight itself is skipped at the end of the gap', () => {
    // Santiago springs forward at midnight: Sunday 7 September 2025 begins at 01:00 (-03), 04:00Z
    expect(iso(startOfLocalDay('America/Santiago', '2025-09-07'))).toBe('2025-09-07T04:00:00.000Z');
    expect(wallClock('America/Santiago', startOfLocalDay('America/Santiago', '2025-09-07'))).toMatchObject({ hour: 1, minute: 0 });
  });

  it('a week runs Monday to Sunday in the zone, across a clock change', () => {
    // Sunday 30 March 2025 in London: the week began Monday 24 March (GMT) and ends as Monday 31 March begins (BST)
    const london = localPeriod('Europe/London', at('2025-03-30T12:00:00Z'), 'week');
    expect(london).toEqual({ first: '2025-03-24', last: '2025-03-30', start: at('2025-03-24T00:00:00Z'), end: at('2025-03-30T23:00:00Z') });
    expect((london.end - london.start) / HOUR).toBe(167);
    // Sunday 2 November 2025, 23:30 in New York (already Monday in UTC) is still the week of Monday 27 October
    const ny = localPeriod('America/New_York', at('2025-11-03T04:30:00Z'), 'week');
    expect(ny).toMatchObject({ first: '2025-10-27', last: '2025-11-02', start: at('2025-10-27T04:00:00Z'), end: at('2025-11-03T05:00:00Z') });
    expect((ny.end - ny.start) / HOUR).toBe(169);
    // a Monday morning in Sydney is its own week's first day
    expect(localPeriod('Australia/Sydney', at('2025-10-05T22:00:00Z'), 'week')).toMatchObject({ first: '2025-10-06', last: '2025-10-12' });
  });

  it('a month and a day are whole local days in the zone', () => {
    expect(localPeriod('Europe/London', at('2025-03-15T12:00:00Z'), 'month')).toEqual({
      first: '2025-03-01', last: '2025-03-31', start: at('2025-03-01T00:00:00Z'), end: at('2025-03-31T23:00:00Z'),
    });
    expect(localPeriod('Australia/Sydney', at('2025-09-30T14:30:00Z'), 'month')).toMatchObject({ first: '2025-10-01', last: '2025-10-31' });
    expect(localPeriod('Asia/Kolkata', at('2024-02-10T00:00:00Z'), 'month')).toMatchObject({ first: '2024-02-01', last: '2024-02-29', start: at('2024-01-31T18:30:00Z') });
    expect(localPeriod('America/New_York', at('2025-11-02T12:00:00Z'), 'day')).toEqual({
      first: '2025-11-02', last: '2025-11-02', start: at('2025-11-02T04:00:00Z'), end: at('2025-11-03T05:00:00Z'),
    });
  });
});

describe('adding local days', () => {
  it('keeps the wall-clock time, so a day across a clock change is 23 or 25 hours', () => {
    const saturdayNoonLondon = at('2025-03-29T12:00:00Z');
    expect(iso(addLocalDays('Europe/London', saturdayNoonLondon, 1))).toBe('2025-03-30T11:00:00.000Z');
    expect(iso(addLocalDays('Europe/London', at('2025-03-30T11:00:00Z'), -1))).toBe('2025-03-29T12:00:00.000Z');
    const saturdayNoonNy = at('2025-11-01T16:00:00Z');
    expect(iso(addLocalDays('America/New_York', saturdayNoonNy, 1))).toBe('2025-11-02T17:00:00.000Z');
    expect(iso(addLocalDays('Australia/Sydney', at('2025-10-04T02:00:00Z'), 7))).toBe('2025-10-11T01:00:00.000Z'); // 12:00 AEST → 12:00 AEDT
    expect(iso(addLocalDays('Asia/Kolkata', at('2025-03-29T06:30:00Z'), 1))).toBe('2025-03-30T06:30:00.000Z');
  });

  it('lands on the jump when the same time does not exist on the later day', () => {
    // 01:30 on Saturday; Sunday has no 01:30 in London
    expect(iso(addLocalDays('Europe/London', at('2025-03-29T01:30:00Z'), 1))).toBe('2025-03-30T01:00:00.000Z');
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Oracle: walk from well before the naive UTC reading until the zone's clock reaches date+time, in quarter hours
 * (every clock change of these zones happens on a quarter hour, as do the times asked for).
 */
function firstMinuteAtOrAfter(tz: string, date: string, hhmm: string): number {
  const target = `${date} ${hhmm}`;
  const naive = Date.parse(`${date}T${hhmm}:00Z`);
  for (let t = naive - 15 * HOUR; t <= naive + 15 * HOUR; t += 15 * 60_000) {
    const w = wallClock(tz, t);
    if (`${w.date} ${pad(w.hour)}:${pad(w.minute)}` >= target) return t;
  }
  throw new Error(`no instant found for ${target} in ${tz}`);
}
