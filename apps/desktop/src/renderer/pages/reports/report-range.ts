import { formatCalendarDate } from '@makeries/shared';
import type { Inputs } from '../../api/types';

export type RangeInput = Inputs['reports']['summary']['range'];
export type PresetId = 'today' | 'yesterday' | 'last7' | 'thisMonth';

export const PRESETS: { value: PresetId; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last7', label: 'Last 7 days' },
  { value: 'thisMonth', label: 'This month' },
];

/** "Thu 1 May" for a shop's local date: a calendar date, so the laptop's own zone cannot shift it a day. */
export function dayLabel(date: string, withWeekday = true): string {
  return formatCalendarDate(date, withWeekday ? 'weekdayDayMonth' : 'dayMonth');
}

/** "Thu 1 May – Wed 7 May 2025", or one day. */
export function rangeLabel(from: string, to: string): string {
  const year = to.slice(0, 4);
  return from === to ? `${dayLabel(from)} ${year}` : `${dayLabel(from)} – ${dayLabel(to)} ${year}`;
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export const TENDER_LABELS: Record<string, { label: string; color: string }> = {
  cash: { label: 'Cash', color: 'brand.6' },
  stripe_terminal: { label: 'Card (Stripe)', color: 'indigo.5' },
  external_card: { label: 'Card machine', color: 'orange.5' },
};
