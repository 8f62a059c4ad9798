import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, type OpeningHours } from './schemas/vendors';

const at = (iso: string) => new Date(iso);
const MON_TO_FRI_9_TO_5: OpeningHours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' }));

describe('isOpenAt', () => {
  it('uses the vendor time zone, including daylight saving (London GMT in winter, BST in summer)', () => {
    // Monday 15 January 2024: London is on UTC
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-15T08:59:00Z'))).toBe(false);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-15T09:00:00Z'))).toBe(true);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-15T16:59:59Z'))).toBe(true);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-15T17:00:00Z'))).toBe(false);
    // Monday 15 July 2024: London is UTC+1, so 08:00Z is 09:00 local and 16:00Z is 17:00 local
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-07-15T07:59:00Z'))).toBe(false);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-07-15T08:00:00Z'))).toBe(true);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-07-15T16:00:00Z'))).toBe(false);
  });

  it('takes the weekday from the local date, not the UTC date', () => {
    // 20:30Z on Sunday 14 January is 09:30 on Monday in Auckland (UTC+13 in January)
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Pacific/Auckland', at('2024-01-14T20:30:00Z'))).toBe(true);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'UTC', at('2024-01-14T20:30:00Z'))).toBe(false);
    // half-hour offset: 03:29Z Monday is 08:59 in Kolkata, 03:30Z is 09:00
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Asia/Kolkata', at('2024-01-15T03:29:00Z'))).toBe(false);
    expect(isOpenAt(MON_TO_FRI_9_TO_5, 'Asia/Kolkata', at('2024-01-15T03:30:00Z'))).toBe(true);
  });

  it('treats 24:00 as the end of the day and joins an overnight opening split at midnight', () => {
    const lateFriday: OpeningHours = [
      { day: 5, open: '22:00', close: '24:00' },
      { day: 6, open: '00:00', close: '02:00' },
    ];
    const tz = 'America/New_York'; // January: UTC-5
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T02:59:00Z'))).toBe(false); // Fri 21:59
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T03:00:00Z'))).toBe(true); // Fri 22:00
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T04:59:59Z'))).toBe(true); // Fri 23:59:59
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T05:00:00Z'))).toBe(true); // Sat 00:00
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T06:59:00Z'))).toBe(true); // Sat 01:59
    expect(isOpenAt(lateFriday, tz, at('2024-01-20T07:00:00Z'))).toBe(false); // Sat 02:00
    // Sunday's 00:00 has no range of its own: 24:00 on Saturday does not carry over
    const allSaturday: OpeningHours = [{ day: 6, open: '00:00', close: '24:00' }];
    expect(isOpenAt(allSaturday, 'UTC', at('2024-01-20T23:59:00Z'))).toBe(true);
    expect(isOpenAt(allSaturday, 'UTC', at('2024-01-21T00:00:00Z'))).toBe(false);
  });

  it('is closed with no hours and honours several ranges on one day', () => {
    expect(isOpenAt([], 'UTC', at('2024-01-15T12:00:00Z'))).toBe(false);
    const lunchBreak: OpeningHours = [
      { day: 1, open: '08:00', close: '12:00' },
      { day: 1, open: '13:00', close: '18:00' },
    ];
    expect(isOpenAt(lunchBreak, 'UTC', at('2024-01-15T11:59:00Z'))).toBe(true);
    expect(isOpenAt(lunchBreak, 'UTC', at('2024-01-15T12:30:00Z'))).toBe(false);
    expect(isOpenAt(lunchBreak, 'UTC', at('2024-01-15T13:00:00Z'))).toBe(true);
  });
});

describe('nextOpening', () => {
  it('is now when open, later today when closed before opening, and null without hours', () => {
    const now = at('2024-01-15T10:00:00Z');
    expect(nextOpening(MON_TO_FRI_9_TO_5, 'Europe/London', now)).toEqual(now);
    expect(nextOpening(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-15T07:15:00Z'))).toEqual(at('2024-01-15T09:00:00Z'));
    expect(nextOpening([], 'Europe/London', now)).toBeNull();
  });

  it('skips closed days and wraps to the same weekday next week', () => {
    // Friday evening → Monday morning
    expect(nextOpening(MON_TO_FRI_9_TO_5, 'Europe/London', at('2024-01-19T18:00:00Z'))).toEqual(at('2024-01-22T09:00:00Z'));
    const mondaysOnly: OpeningHours = [{ day: 1, open: '09:00', close: '17:00' }];
    expect(nextOpening(mondaysOnly, 'UTC', at('2024-01-15T17:00:00Z'))).toEqual(at('2024-01-22T09:00:00Z'));
  });

  it('finds an overnight opening in a far time zone', () => {
    const lateFriday: OpeningHours = [
      { day: 5, open: '22:00', close: '24:00' },
      { day: 6, open: '00:00', close: '02:00' },
    ];
    // Saturday 03:00 in Tokyo (UTC+9) → next Friday 22:00 Tokyo = Friday 13:00Z
    expect(nextOpening(lateFriday, 'Asia/Tokyo', at('2024-01-19T18:00:00Z'))).toEqual(at('2024-01-26T13:00:00Z'));
    // Saturday 01:00 in Tokyo is still inside the overnight opening
    const insideOvernight = at('2024-01-19T16:00:00Z');
    expect(nextOpening(lateFriday, 'Asia/Tokyo', insideOvernight)).toEqual(insideOvernight);
  });

  it('opens at the end of a spring-forward gap and at the first of two repeated times', () => {
    // London, Sunday 31 March 2024: 01:00 GMT jumps to 02:00 BST, so 01:30 never happens on the wall clock
    const sunday0130: OpeningHours = [{ day: 0, open: '01:30', close: '05:00' }];
    expect(nextOpening(sunday0130, 'Europe/London', at('2024-03-30T12:00:00Z'))).toEqual(at('2024-03-31T01:00:00Z'));
    // London, Sunday 27 October 2024: 02:00 BST falls back to 01:00 GMT, so 01:30 happens twice
    expect(nextOpening(sunday0130, 'Europe/London', at('2024-10-26T12:00:00Z'))).toEqual(at('2024-10-27T00:30:00Z'));
  });

  it('agrees with a minute-by-minute scan for any hours, zone and instant', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    const range = fc
      .record({ day: fc.integer({ min: 0, max: 6 }), a: fc.integer({ min: 0, max: 96 }), b: fc.integer({ min: 0, max: 96 }) })
      .filter((r) => r.a !== r.b)
      .map(({ day, a, b }) => ({ day, open: hhmm(Math.min(a, b) * 15), close: hhmm(Math.max(a, b) * 15) }));
    const fromMs = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) });
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 4 }), fc.constantFrom(...zones), fromMs, (hours, tz, ms) => {
        const from = new Date(ms);
        expect(nextOpening(hours, tz, from)?.getTime() ?? null).toBe(scanForOpening(hours, tz, from));
      }),
      { numRuns: 40 },
    );
    // the oracle checks up to 11,520 minutes per run: CPU-bound work that a shared, busy machine may slow well past 5 s
  }, 60_000);
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Oracle: the first open instant found by checking `from` and then every whole minute for eight days. */
function scanForOpening(hours: OpeningHours, tz: string, from: Date): number | null {
  if (isOpenAt(hours, tz, from)) return from.getTime();
  const first = Math.ceil(from.getTime() / 60_000) * 60_000;
  for (let t = first; t < first + 8 * 86_400_000; t += 60_000) {
    if (isOpenAt(hours, tz, new Date(t))) return t;
  }
  return null;
}
