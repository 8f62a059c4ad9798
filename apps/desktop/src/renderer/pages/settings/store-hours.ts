import type { OpeningHours } from '@makeries/shared';

/** Monday first, as shops write their hours; `day` is the model's 0 = Sunday … 6 = Saturday. */
export const WEEK = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 0, name: 'Sunday' },
] as const;

export interface HoursRange {
  open: string;
  close: string;
}
/** day → its ranges in order; a day without ranges is closed */
export type WeekHours = Record<number, HoursRange[]>;

export function toWeek(hours: OpeningHours): WeekHours {
  const week: WeekHours = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  for (const r of hours) week[r.day]?.push({ open: r.open, close: r.close });
  for (const d of Object.keys(week)) week[Number(d)]?.sort((a, b) => a.open.localeCompare(b.open));
  return week;
}

export function fromWeek(week: WeekHours): OpeningHours {
  return WEEK.flatMap(({ day }) => (week[day] ?? []).map((r) => ({ day, open: r.open, close: r.close })));
}

/** What is wrong with a day's ranges, in words, or null. "24:00" closes at midnight. */
export function dayProblem(ranges: readonly HoursRange[]): string | null {
  const valid = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  for (const r of ranges) {
    if (!valid.test(r.open) || !valid.test(r.close)) return 'Times are like 09:00 or 17:30';
    if (r.open >= r.close) return 'Closing time must be after opening time';
  }
  const sorted = [...ranges].sort((a, b) => a.open.localeCompare(b.open));
  for (let i = 1; i < sorted.length; i++) if ((sorted[i]?.open ?? '') < (sorted[i - 1]?.close ?? '')) return 'These times overlap';
  return null;
}

export function sameHours(a: OpeningHours, b: OpeningHours): boolean {
  const key = (h: OpeningHours) => JSON.stringify(fromWeek(toWeek(h)));
  return key(a) === key(b);
}
