import { z } from 'zod';

/*
 * Report ranges are whole local days in the shop's time zone (the vendor's IANA zone, not the laptop's):
 * a sale at 23:30 in Bristol belongs to that Bristol day even when UTC has already moved on.
 */

const DAY_MS = 86_400_000;
/** a year and a day: enough for "this year so far", small enough to stay instant on a shop laptop */
const MAX_RANGE_DAYS = 366;

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-05-01')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'That date does not exist');

const REPORT_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth'] as const;
type ReportPreset = (typeof REPORT_PRESETS)[number];

export const reportRangeInput = z.union([
  z.object({ preset: z.enum(REPORT_PRESETS, { error: 'Choose today, yesterday, last 7 days or this month' }) }),
  z
    .object({ from: dateText, to: dateText })
    .refine((r) => r.from <= r.to, { error: 'The start date must be on or before the end date', path: ['to'] })
    .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
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

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The shop's wall clock at an instant: its local date ("2025-05-01") and hour (0–23). */
export function localTime(timeZone: string, ms: number): { date: string; hour: number; wallMs: number } {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const hour = Number(p.hour);
  const wallMs = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), hour, Number(p.minute), Number(p.second));
  return { date, hour, wallMs };
}

/** The UTC instant of local midnight starting `date` (twice round the offset, so DST days come out right). */
function localMidnight(timeZone: string, date: string): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (t: number) => localTime(timeZone, t).wallMs - Math.floor(t / 1000) * 1000;
  const first = target - offsetAt(target);
  return target - offsetAt(first);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
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
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** A validated range (see reportRangeInput) as local days and the UTC window that covers them. */
export function resolveRange(input: z.output<typeof reportRangeInput>, timeZone: string, nowMs: number): ResolvedRange {
  const { from, to } = 'preset' in input ? presetDays(input.preset, localTime(timeZone, nowMs).date) : input;
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return {
    from,
    to,
    timezone: timeZone,
    days,
    startIso: new Date(localMidnight(timeZone, from)).toISOString(),
    endIso: new Date(localMidnight(timeZone, addDays(to, 1))).toISOString(),
  };
}
