import { isOpenAt, type OpeningHours } from '@makeries/shared';

export interface HoursRow {
  paused: boolean;
  opening_hours: OpeningHours;
  timezone: string;
}

/**
 * "Open now" for many vendors at one instant: inside the vendor's own-time-zone hours and not paused by the
 * owner. isOpenAt formats the time in the vendor's zone (~20 µs), and most shops share a zone and a handful of
 * timetables, so answers are reused per (zone, timetable).
 */
export function openNowChecker(at: Date): (v: HoursRow) => boolean {
  const memo = new Map<string, boolean>();
  return (v) => {
    if (v.paused) return false;
    const key = `${v.timezone}|${JSON.stringify(v.opening_hours)}`;
    let open = memo.get(key);
    if (open === undefined) {
      open = isOpenAt(v.opening_hours, v.timezone, at);
      memo.set(key, open);
    }
    return open;
  };
}
