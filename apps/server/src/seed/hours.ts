import type { OpeningHours } from '@makeries/shared';
import type { SeedVendor } from './vendors-data';

const range = (days: number[], open: string, close: string): OpeningHours => days.map((day) => ({ day, open, close }));

/** Typical opening patterns of independent shops (0 = Sunday). */
export function hoursFor(kind: SeedVendor['hours']): OpeningHours {
  switch (kind) {
    case 'early':
      return [...range([1, 2, 3, 4, 5, 6], '07:00', '16:00'), ...range([0], '08:00', '13:00')];
    case 'shop':
      return [...range([1, 2, 3, 4, 5, 6], '09:00', '18:00'), ...range([0], '10:00', '16:00')];
    case 'late':
      return range([0, 1, 2, 3, 4, 5, 6], '11:00', '22:00');
    case 'weekend-market':
      return [...range([4, 5], '10:00', '17:00'), ...range([6, 0], '09:00', '17:00')];
  }
}
