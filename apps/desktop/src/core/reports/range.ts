import { addDays, daysBetween, isLocalDate, localDateIn, localSpan, startOfMonth } from '@makeries/shared';
import { z } from 'zod';

/*
 * Report ranges are whole local days in the shop's time zone (the vendor's IANA zone, not the laptop's):
 * a sale at 23:30 in Bristol belongs to that Bristol day even when UTC has already moved on.
 */

/** a year and a day: enough for "this year so far", small enough to stay instant on a shop laptop */
const MAX_RANGE_DAYS = 366;

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-05-01')
  .refine(isLocalDate, 'That date does not exist');

const REPORT_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth'] as const;
type ReportPreset = (typeof REPORT_PRESETS)[number];

export const reportRangeInput = z.union([
  z.object({ preset: z.enum(REPORT_PRESETS, { error: 'Choose today, yesterday, last 7 days or this month' }) }),
  z
    .object({ from: dateText, to: dateText })
    .refine((r) => r.from <= r.to, { error: 'The start date must be on or before the end date', path: ['to'] })
    .refine((r) => !isLocalDate(r.from) || !isLocalDate(r.to) || daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
      error: `Reports cover at most ${MAX_RANGE_DAYS} days; choose a shorter range`,
      path: ['to'],
    }),
]);

export interface ResolvedRange {
  /** first and last local day, inclusive */
  from: string;
  to: string;
  timezone: string;
  /** every local day in the range, in order */
  days: string[];
  /** UTC instants: local midnight at the start of `from` and after `to` */
  startIso: string;
  endIso: string;
}


function presetDays(preset: ReportPreset, today: string): { from: string; to: string } {
  switch (preset) {
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

/** A validated range (see reportRangeInput) as local days and the UTC window that covers them. */
export function resolveRange(input: z.output<typeof reportRangeInput>, timeZone: string, nowMs: number): ResolvedRange {
  const { from, to } = 'preset' in input ? presetDays(input.preset, localDateIn(timeZone, nowMs)) : input;
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const span = localSpan(timeZone, from, to);
  return { from, to, timezone: timeZone, days, startIso: new Date(span.start).toISOString(), endIso: new Date(span.end).toISOString() };
}
