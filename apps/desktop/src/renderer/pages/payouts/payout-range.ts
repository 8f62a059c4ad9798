import { addDays, localDateIn, startOfMonth } from '@makeries/shared';
import type { RangeInput } from '../reports/report-range';

/**
 * The Reports range picker's choice as the two dates the marketplace's payouts view asks for: the shop's calendar
 * days (its own time zone, as the marketplace groups them), not the laptop's.
 */
export function payoutDates(range: RangeInput, timeZone: string, now = new Date()): { from: string; to: string } {
  if (!('preset' in range)) return { from: range.from, to: range.to };
  const today = localDateIn(timeZone, now);
  switch (range.preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: startOfMonth(today), to: today };
  }
}
