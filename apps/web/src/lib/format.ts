import { currentLocale, formatDate, formatMoney, weightLabel, type OpeningHours } from '@makeries/shared';
import { market } from './market';

/** In the marketplace's locale (lib/market.ts), like every price on the page. */
export function money(cents: number, currency: string): string {
  return formatMoney(cents, currency);
}

/** "12,480" in the marketplace's locale: counts of products and shops. */
export function countLabel(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** "500 g", "1.5 kg" for weight items; "3" for items sold each. */
export function quantityLabel(quantity: number, soldBy: 'each' | 'weight'): string {
  return soldBy === 'each' ? String(quantity) : weightLabel(quantity);
}

/** "£3.50" or "£24.00 / kg". */
export function unitPriceLabel(cents: number, currency: string, soldBy: 'each' | 'weight'): string {
  return soldBy === 'weight' ? `${money(cents, currency)} / kg` : money(cents, currency);
}

export function distanceLabel(meters: number): string {
  return meters < 1000 ? `${Math.max(50, Math.round(meters / 50) * 50)} m` : `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} km`;
}

/** "Sat 3 May, 14:05" in the shop's time zone (the marketplace's when none is given). */
export function dateTimeLabel(iso: string, timezone?: string): string {
  return formatDate(iso, 'weekdayDayMonthTime', { timeZone: timezone ?? market().timezone });
}

/** "Sat 14:05" in the shop's time zone (the marketplace's when none is given): a pickup time. */
export function weekdayTimeLabel(iso: string, timezone?: string): string {
  return formatDate(iso, 'weekdayTime', { timeZone: timezone ?? market().timezone });
}

/** "Opens Mon 09:00" for a closed shop, in the shop's time zone. */
export function opensLabel(nextOpeningAt: string | null, timezone: string): string {
  if (!nextOpeningAt) return 'Closed';
  return `Opens ${formatDate(nextOpeningAt, 'weekdayTime', { timeZone: timezone })}`;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface HoursRow {
  day: number;
  name: string;
  ranges: string;
}

/** The week from Monday, each day's ranges joined ("09:00–12:00, 13:00–18:00") or "Closed". */
export function weeklyHours(hours: OpeningHours): HoursRow[] {
  return [1, 2, 3, 4, 5, 6, 0].map((day) => {
    const ranges = hours
      .filter((r) => r.day === day)
      .sort((a, b) => a.open.localeCompare(b.open))
      .map((r) => (r.open === '00:00' && r.close === '24:00' ? 'Open 24 hours' : `${r.open}–${r.close}`));
    return { day, name: DAY_NAMES[day] ?? '', ranges: ranges.length ? ranges.join(', ') : 'Closed' };
  });
}

/** Today's weekday (0 = Sunday) in the shop's time zone: the shared time-zone module's. */
export { weekdayIn } from '@makeries/shared';

export const DIETARY_LABELS: Record<string, string> = {
  vegan: 'Vegan',
  vegetarian: 'Vegetarian',
  'gluten-free': 'Gluten-free',
  'dairy-free': 'Dairy-free',
  'nut-free': 'Nut-free',
  'egg-free': 'Egg-free',
  organic: 'Organic',
  halal: 'Halal',
  kosher: 'Kosher',
};

export const STATUS_LABELS: Record<string, string> = {
  placed: 'Order placed',
  accepted: 'Accepted',
  preparing: 'Being prepared',
  ready: 'Ready',
  out_for_delivery: 'Out for delivery',
  completed: 'Completed',
  rejected: 'Rejected by the shop',
  cancelled: 'Cancelled',
};

/** Short forms for badges in lists. */
export const STATUS_SHORT: Record<string, string> = {
  placed: 'Placed',
  accepted: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready',
  out_for_delivery: 'On its way',
  completed: 'Completed',
  rejected: 'Declined',
  cancelled: 'Cancelled',
};

export function mapLink(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
}
