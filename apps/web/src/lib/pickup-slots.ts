import { formatDate, isOpenAt, type OpeningHours } from '@makeries/shared';

/**
 * Pickup times a customer can choose: every `stepMinutes` from a little after now, inside the shop's opening
 * hours (its own time zone), over the next few days. Checkout accepts exactly these (isOpenAt on the server).
 */
export interface PickupSlot {
  /** ISO instant sent to checkout */
  at: string;
  /** "Today", "Tomorrow" or "Sat 14 Jun", in the shop's time zone */
  day: string;
  /** "14:30" in the shop's time zone */
  time: string;
}

export interface SlotOptions {
  stepMinutes?: number;
  /** time to get the order ready before the first slot */
  leadMinutes?: number;
  days?: number;
  max?: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function localDate(timezone: string, at: number): { y: number; m: number; d: number } {
  let f = dateFormatters.get(timezone);
  if (!f) {
    // numeric parts only (a calculation, not text anyone reads)
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dateFormatters.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { y: parts.year ?? 1970, m: parts.month ?? 1, d: parts.day ?? 1 };
}

/** Whole local days between two instants in a time zone (0 = same local day). */
export function localDayDiff(timezone: string, from: number, to: number): number {
  const a = localDate(timezone, from);
  const b = localDate(timezone, to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY);
}

export function dayLabel(timezone: string, now: Date, at: Date): string {
  const diff = localDayDiff(timezone, now.getTime(), at.getTime());
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Tomorrow';
  return formatDate(at, 'weekdayDayMonth', { timeZone: timezone });
}

export function timeLabel(timezone: string, at: Date): string {
  return formatDate(at, 'time', { timeZone: timezone });
}

export function pickupSlots(hours: OpeningHours, timezone: string, now: Date, opts: SlotOptions = {}): PickupSlot[] {
  const step = (opts.stepMinutes ?? 15) * MINUTE;
  const lead = (opts.leadMinutes ?? 20) * MINUTE;
  const horizon = now.getTime() + (opts.days ?? 3) * DAY;
  const max = opts.max ?? 150;
  const slots: PickupSlot[] = [];
  if (hours.length === 0) return slots;
  for (let t = Math.ceil((now.getTime() + lead) / step) * step; t < horizon && slots.length < max; t += step) {
    const at = new Date(t);
    if (isOpenAt(hours, timezone, at)) slots.push({ at: at.toISOString(), day: dayLabel(timezone, now, at), time: timeLabel(timezone, at) });
  }
  return slots;
}

/** Slots grouped by day label, in order: the select's option groups. */
export function slotsByDay(slots: readonly PickupSlot[]): { day: string; slots: PickupSlot[] }[] {
  const groups: { day: string; slots: PickupSlot[] }[] = [];
  for (const s of slots) {
    const last = groups[groups.length - 1];
    if (last && last.day === s.day) last.slots.push(s);
    else groups.push({ day: s.day, slots: [s] });
  }
  return groups;
}

/** "Today at 14:30" — how a chosen slot reads in the cart and on the confirmation. */
export function describeSlot(iso: string, timezone: string, now: Date): string {
  const at = new Date(iso);
  return `${dayLabel(timezone, now, at)} at ${timeLabel(timezone, at)}`;
}
