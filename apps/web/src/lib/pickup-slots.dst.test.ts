import type { OpeningHours } from '@makeries/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { pickupSlots, slotsByDay } from './pickup-slots';
import { setMarket } from './market';
import { BRISTOL_MARKET } from './market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

const ALWAYS_OPEN: OpeningHours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));
const SUNDAY_NIGHT: OpeningHours = [{ day: 0, open: '00:00', close: '04:00' }];
const everything = { leadMinutes: 0, max: 1000 };

const perDay = (slots: ReturnType<typeof pickupSlots>) => slotsByDay(slots).map((d) => [d.day, d.slots.length]);

describe('pickup slots on the days the clocks change', () => {
  it('a 23-hour day has no slots in the skipped hour', () => {
    // London, Sunday 30 March 2025: 00:59 GMT is followed by 02:00 BST
    const slots = pickupSlots(SUNDAY_NIGHT, 'Europe/London', new Date('2025-03-29T23:00:00Z'), { ...everything, days: 1 });
    expect(slots.map((s) => s.time)).toEqual(['00:00', '00:15', '00:30', '00:45', '02:00', '02:15', '02:30', '02:45', '03:00', '03:15', '03:30', '03:45']);
    expect(slots[4]).toEqual({ at: '2025-03-30T01:00:00.000Z', day: 'Tomorrow', time: '02:00' });
    // a shop open round the clock: 92 quarter hours on the short day
    expect(perDay(pickupSlots(ALWAYS_OPEN, 'Europe/London', new Date('2025-03-29T00:00:00Z'), { ...everything, days: 3 }))).toEqual([
      ['Today', 96],
      ['Tomorrow', 92],
      ['Mon 31 Mar', 96],
    ]);
  });

  it('a 25-hour day offers each time once, at its first occurrence', () => {
    // London, Sunday 26 October 2025: 01:00–01:59 happens in BST and again in GMT
    const slots = pickupSlots(SUNDAY_NIGHT, 'Europe/London', new Date('2025-10-25T22:00:00Z'), { ...everything, days: 1 });
    const times = slots.map((s) => s.time);
    expect(times).toHaveLength(16);
    expect(new Set(times).size).toBe(16);
    expect(slots.find((s) => s.time === '01:30')?.at).toBe('2025-10-26T00:30:00.000Z'); // 01:30 BST
    expect(slots.find((s) => s.time === '02:00')?.at).toBe('2025-10-26T02:00:00.000Z'); // 02:00 GMT
    // New York, Sunday 2 November 2025, a shop open round the clock: 96 distinct times on every day, and "three
    // days" ends at the same wall-clock time three days on (midnight), not 72 hours later (23:00)
    expect(perDay(pickupSlots(ALWAYS_OPEN, 'America/New_York', new Date('2025-11-01T04:00:00Z'), { ...everything, days: 3 }))).toEqual([
      ['Today', 96],
      ['Tomorrow', 96],
      ['Mon 3 Nov', 96],
    ]);
  });

  it('south of the equator the short day is in October', () => {
    const slots = pickupSlots(ALWAYS_OPEN, 'Australia/Sydney', new Date('2025-10-03T14:00:00Z'), { ...everything, days: 3 });
    // Saturday 4 October 2025, midnight in Sydney (AEST)
    expect(perDay(slots)).toEqual([
      ['Today', 96],
      ['Tomorrow', 92],
      ['Mon 6 Oct', 96],
    ]);
  });

  it('hourly slots fall on the shop’s whole hours in a half-hour zone', () => {
    // Kolkata is UTC+05:30: the hours are 09:00, 10:00 … there, not 09:30, 10:30
    const weekdays: OpeningHours = [{ day: 1, open: '09:00', close: '13:00' }];
    const slots = pickupSlots(weekdays, 'Asia/Kolkata', new Date('2025-03-30T12:00:00Z'), { stepMinutes: 60, days: 2 });
    expect(slots.map((s) => [s.day, s.time, s.at])).toEqual([
      ['Tomorrow', '09:00', '2025-03-31T03:30:00.000Z'],
      ['Tomorrow', '10:00', '2025-03-31T04:30:00.000Z'],
      ['Tomorrow', '11:00', '2025-03-31T05:30:00.000Z'],
      ['Tomorrow', '12:00', '2025-03-31T06:30:00.000Z'],
    ]);
  });
});
