import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening } from './opening-hours';
import type { OpeningHours } from './schemas/vendors';

const at = (iso: string) => new Date(iso);
const SUNDAY_1_TO_3: OpeningHours = [{ day: 0, open: '01:00', close: '03:00' }];

/** Minutes the shop is open between two instants, counted minute by minute. */
function openMinutes(hours: OpeningHours, tz: string, fromIso: string, toIso: string): number {
  let n = 0;
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 60_000) if (isOpenAt(hours, tz, new Date(t))) n++;
  return n;
}

describe('a shop open 01:00–03:00 on the nights the clocks change', () => {
  it('in London is open one hour when the clocks go forward and three when they go back', () => {
    // 30 March 2025: 00:59 GMT is followed by 02:00 BST (01:00Z), so the shop opens at the jump
    expect(isOpenAt(SUNDAY_1_TO_3, 'Europe/London', at('2025-03-30T00:59:00Z'))).toBe(false);
    expect(isOpenAt(SUNDAY_1_TO_3, 'Europe/London', at('2025-03-30T01:00:00Z'))).toBe(true);
    expect(isOpenAt(SUNDAY_1_TO_3, 'Europe/London', at('2025-03-30T02:00:00Z'))).toBe(false); // 03:00 BST
    expect(nextOpening(SUNDAY_1_TO_3, 'Europe/London', at('2025-03-29T12:00:00Z'))).toEqual(at('2025-03-30T01:00:00Z'));
    expect(openMinutes(SUNDAY_1_TO_3, 'Europe/London', '2025-03-29T22:00:00Z', '2025-03-30T06:00:00Z')).toBe(60);
    // 26 October 2025: 01:00 BST (00:00Z) to 03:00 GMT (03:00Z), through the repeated hour
    expect(nextOpening(SUNDAY_1_TO_3, 'Europe/London', at('2025-10-25T12:00:00Z'))).toEqual(at('2025-10-26T00:00:00Z'));
    expect(isOpenAt(SUNDAY_1_TO_3, 'Europe/London', at('2025-10-26T01:30:00Z'))).toBe(true); // 01:30 GMT, the second time
    expect(isOpenAt(SUNDAY_1_TO_3, 'Europe/London', at('2025-10-26T03:00:00Z'))).toBe(false);
    expect(openMinutes(SUNDAY_1_TO_3, 'Europe/London', '2025-10-25T22:00:00Z', '2025-10-26T06:00:00Z')).toBe(180);
  });

  it('in New York likewise, with the change at 02:00', () => {
    // 9 March 2025: open 01:00 EST (06:00Z); 02:00 EST becomes 03:00 EDT at 07:00Z and the shop closes
    expect(nextOpening(SUNDAY_1_TO_3, 'America/New_York', at('2025-03-08T17:00:00Z'))).toEqual(at('2025-03-09T06:00:00Z'));
    expect(openMinutes(SUNDAY_1_TO_3, 'America/New_York', '2025-03-09T03:00:00Z', '2025-03-09T12:00:00Z')).toBe(60);
    // 2 November 2025: 01:00 EDT (05:00Z) to 03:00 EST (08:00Z)
    expect(nextOpening(SUNDAY_1_TO_3, 'America/New_York', at('2025-11-01T17:00:00Z'))).toEqual(at('2025-11-02T05:00:00Z'));
    expect(openMinutes(SUNDAY_1_TO_3, 'America/New_York', '2025-11-02T03:00:00Z', '2025-11-02T12:00:00Z')).toBe(180);
  });

  it('a range that lies wholly inside the skipped hour does not happen that night', () => {
    const inTheGap: OpeningHours = [{ day: 0, open: '02:00', close: '02:45' }];
    expect(openMinutes(inTheGap, 'America/New_York', '2025-03-09T03:00:00Z', '2025-03-09T12:00:00Z')).toBe(0);
    // so the next opening is the following Sunday, 02:00 EDT
    expect(nextOpening(inTheGap, 'America/New_York', at('2025-03-08T17:00:00Z'))).toEqual(at('2025-03-16T06:00:00Z'));
  });

  it('south of the equator the clocks go forward in October', () => {
    // Sydney, Sunday 5 October 2025: 02:00 AEST becomes 03:00 AEDT at 16:00Z on the Saturday
    const sunday2To4: OpeningHours = [{ day: 0, open: '02:00', close: '04:00' }];
    expect(nextOpening(sunday2To4, 'Australia/Sydney', at('2025-10-04T02:00:00Z'))).toEqual(at('2025-10-04T16:00:00Z'));
    expect(openMinutes(sunday2To4, 'Australia/Sydney', '2025-10-04T12:00:00Z', '2025-10-04T20:00:00Z')).toBe(60);
    // and back in April: 02:00–04:00 AEDT/AEST spans the repeated hour, three hours in all
    expect(openMinutes(sunday2To4, 'Australia/Sydney', '2025-04-05T12:00:00Z', '2025-04-05T20:00:00Z')).toBe(180);
  });

  it('a half-hour zone opens on its own half hour', () => {
    const weekdays: OpeningHours = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' }));
    // Friday 17:00 in Kolkata → Monday 09:00 IST = 03:30Z
    expect(nextOpening(weekdays, 'Asia/Kolkata', at('2025-03-28T11:30:00Z'))).toEqual(at('2025-03-31T03:30:00Z'));
  });
});
