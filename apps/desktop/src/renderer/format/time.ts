import { formatDate } from '@makeries/shared';
/** Times on screen in the shop's own words: "14:05", "today 14:05", "3 min ago". */

/** On the counter's own clock, in the marketplace's locale (set from device.status in app/root.tsx). */
export function clockTime(iso: string): string {
  return formatDate(iso, 'time');
}

/** "3 May 2025, 14:05" */
export function dateTimeText(iso: string): string {
  return formatDate(iso, 'mediumDateTime');
}

export function dayAndTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const today = new Date(now);
  const sameDay = d.toDateString() === today.toDateString();
  const time = clockTime(iso);
  if (sameDay) return `today ${time}`;
  return `${formatDate(d, 'dayMonth')} ${time}`;
}

export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}
