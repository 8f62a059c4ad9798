import type { OpeningHours } from './schemas/vendors';

/**
 * Opening hours are wall-clock ranges in the vendor's IANA time zone (day 0 = Sunday). A range may close at
 * "24:00"; an overnight opening is two ranges (Fri 22:00–24:00 + Sat 00:00–02:00), so every check here is
 * per local day. All maths goes through Intl, so daylight-saving changes follow the time zone database.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(timeZone: string, at: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The wall clock read as if it were UTC: lets us compare and step local times with plain arithmetic. */
function wallMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `at` falls inside one of the ranges of its local weekday (open inclusive, close exclusive). */
export function isOpenAt(hours: OpeningHours, timezone: string, at: Date): boolean {
  const w = wallClock(timezone, at.getTime());
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const minutes = w.hour * 60 + w.minute;
  return hours.some((r) => r.day === weekday && toMinutes(r.open) <= minutes && minutes < toMinutes(r.close));
}

/**
 * The first instant at which local wall time `target` (wall-as-UTC ms) is reached. Ambiguous times (clocks go
 * back) give the earlier occurrence; times skipped by a spring-forward gap give the end of the gap, which is
 * when the shop actually opens.
 */
function instantOfWall(timezone: string, target: number): number {
  const offsetAt = (t: number) => wallMs(wallClock(timezone, t)) - Math.floor(t / 1000) * 1000;
  const a = target - offsetAt(target - DAY);
  const b = target - offsetAt(target + DAY);
  const exact = [a, b].filter((t) => wallMs(wallClock(timezone, t)) === target);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: binary-search (to the minute) the first instant whose wall clock has passed the target.
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(wallClock(timezone, mid)) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The earliest instant at or after `from` when the vendor is open: `from` itself when open now, otherwise the
 * start of the next range within the coming week. Null when the vendor has no opening hours at all.
 */
export function nextOpening(hours: OpeningHours, timezone: string, from: Date): Date | null {
  if (hours.length === 0) return null;
  if (isOpenAt(hours, timezone, from)) return from;
  const start = wallClock(timezone, from.getTime());
  const localMidnight = Date.UTC(start.year, start.month - 1, start.day);
  let best: number | null = null;
  // Eight local days: today's later ranges through to the same weekday next week.
  for (let d = 0; d <= 7; d++) {
    const midnight = localMidnight + d * DAY;
    const weekday = new Date(midnight).getUTCDay();
    for (const r of hours) {
      if (r.day !== weekday) continue;
      const t = instantOfWall(timezone, midnight + toMinutes(r.open) * MINUTE);
      if (t >= from.getTime() && (best === null || t < best) && isOpenAt(hours, timezone, new Date(t))) best = t;
    }
    if (best !== null) break;
  }
  return best === null ? null : new Date(best);
}
