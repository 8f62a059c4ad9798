import type { OpeningHours } from './schemas/vendors';
import { addDays, instantAt, wallClock, weekdayOf, type WallClock } from './time-zone/index';

/**
 * Opening hours are wall-clock ranges in the vendor's IANA time zone (day 0 = Sunday). A range may close at
 * "24:00"; an overnight opening is two ranges (Fri 22:00–24:00 + Sat 00:00–02:00), so every check here is
 * per local day. Local time comes from the time-zone module, so daylight-saving changes follow its one rule.
 */

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function isOpenOn(hours: OpeningHours, w: WallClock): boolean {
  return hours.some((r) => r.day === w.weekday && toMinutes(r.open) <= w.minuteOfDay && w.minuteOfDay < toMinutes(r.close));
}

/** True when `at` falls inside one of the ranges of its local weekday (open inclusive, close exclusive). */
export function isOpenAt(hours: OpeningHours, timezone: string, at: Date): boolean {
  return hours.length > 0 && isOpenOn(hours, wallClock(timezone, at));
}

/**
 * The earliest instant at or after `from` when the vendor is open: `from` itself when open now, otherwise the
 * start of the next range within the coming two weeks. A range that opens at a time the clocks skip opens when they
 * jump (and not at all if it closes inside the gap); one that opens at a repeated time opens the first time.
 * Null when the vendor has no opening hours at all.
 */
export function nextOpening(hours: OpeningHours, timezone: string, from: Date): Date | null {
  if (hours.length === 0) return null;
  const now = wallClock(timezone, from);
  if (isOpenOn(hours, now)) return from;
  // Today's later ranges through to the same weekday next week — and the week after, for the rare shop whose only
  // range that week fell in the hour the clocks skipped.
  for (let d = 0; d <= 14; d++) {
    const date = addDays(now.date, d);
    const weekday = weekdayOf(date);
    let best: number | null = null;
    for (const r of hours) {
      if (r.day !== weekday) continue;
      const t = instantAt(timezone, date, r.open);
      if (t >= from.getTime() && (best === null || t < best) && isOpenAt(hours, timezone, new Date(t))) best = t;
    }
    if (best !== null) return new Date(best);
  }
  return null;
}
