import type { OpeningHours } from '@makeries/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeSlot, pickupSlots, slotsByDay } from './pickup-slots';
import { setMarket } from './market';
import { BRISTOL_MARKET } from './market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

const LONDON = 'Europe/London';
// Mon–Sat 09:00–18:00, Sunday 10:00–12:00 (0 = Sunday)
const SHOP: OpeningHours = [
  ...[1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '18:00' })),
  { day: 0, open: '10:00', close: '12:00' },
];

describe('pickup slots from opening hours', () => {
  it('starts after the lead time, stays inside the hours and labels days in the shop time zone', () => {
    // Saturday 14 June 2025, 16:50 in London (BST, UTC+1)
    const now = new Date('2025-06-14T15:50:00Z');
    const slots = pickupSlots(SHOP, LONDON, now, { days: 2 });
    const days = slotsByDay(slots);
    expect(days.map((d) => [d.day, d.slots[0]?.time, d.slots[d.slots.length - 1]?.time, d.slots.length])).toEqual([
      ['Today', '17:15', '17:45', 3],
      ['Tomorrow', '10:00', '11:45', 8],
      // the horizon is 48 hours from now
      ['Mon 16 Jun', '09:00', '16:45', 32],
    ]);
    expect(slots[0]?.at).toBe('2025-06-14T16:15:00.000Z');
  });

  it('a closed evening offers the next opening first, and no hours means no slots', () => {
    const now = new Date('2025-06-16T19:00:00Z'); // Monday 20:00 BST, shop closed
    const slots = pickupSlots(SHOP, LONDON, now, { days: 1 });
    expect(slots[0]).toEqual({ at: '2025-06-17T08:00:00.000Z', day: 'Tomorrow', time: '09:00' });
    expect(slots.every((s) => s.day === 'Tomorrow')).toBe(true);
    expect(pickupSlots([], LONDON, now)).toEqual([]);
  });

  it('follows the daylight-saving change of the shop, not of the browser', () => {
    // Sunday 30 March 2025: clocks go forward at 01:00 UTC; Monday's 09:00 is 08:00 UTC
    const now = new Date('2025-03-30T18:00:00Z');
    const [first] = pickupSlots(SHOP, LONDON, now, { days: 1 });
    expect(first).toEqual({ at: '2025-03-31T08:00:00.000Z', day: 'Tomorrow', time: '09:00' });
    const later = pickupSlots(SHOP, LONDON, now, { days: 3 });
    expect(later.find((s) => s.day !== 'Tomorrow')?.day).toBe('Tue 1 Apr');
  });

  it('describes a chosen slot the way the customer reads it', () => {
    const now = new Date('2025-06-14T15:50:00Z');
    expect(describeSlot('2025-06-14T16:15:00.000Z', LONDON, now)).toBe('Today at 17:15');
    expect(describeSlot('2025-06-15T09:00:00.000Z', LONDON, now)).toBe('Tomorrow at 10:00');
  });
});
