import { addDays, addLocalDays, formatDate, isOpenAt, localDateIn, wallClock, type OpeningHours } from '@makeries/shared';

/**
 * Pickup times a customer can choose: every `stepMinutes` of the shop's wall clock from a little after now, inside
 * its opening hours (its own time zone), over the next few local days. Checkout accepts exactly these (isOpenAt on
 * the server). When the clocks go back, a repeated time is offered once, at its first occurrence (the time-zone
 * module's rule), so the list never shows the same "01:30" twice.
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
/** Today's zone offsets are whole quarter hours, so walking instants by 15 minutes meets every wall-clock step. */
const QUARTER_HOUR = 15 * MINUTE;

function dayLabel(timezone: string, now: Date, at: Date): string {
  const today = localDateIn(timezone, now);
  const day = localDateIn(timezone, at);
  if (day === today) return 'Today';
  if (day === addDays(today, 1)) return 'Tomorrow';
  return formatDate(at, 'weekdayDayMonth', { timeZone: timezone });
}

function timeLabel(timezone: string, at: Date): string {
  return formatDate(at, 'time', { timeZone: timezone });
}

export function pickupSlots(hours: OpeningHours, timezone: string, now: Date, opts: SlotOptions = {}): PickupSlot[] {
  const stepMinutes = opts.stepMinutes ?? 15;
  const lead = (opts.leadMinutes ?? 20) * MINUTE;
  const horizon = addLocalDays(timezone, now, opts.days ?? 3);
  const max = opts.max ?? 150;
  const slots: PickupSlot[] = [];
  if (hours.length === 0) return slots;
  const seen = new Set<string>();
  for (let t = Math.ceil((now.getTime() + lead) / QUARTER_HOUR) * QUARTER_HOUR; t < horizon && slots.length < max; t += QUARTER_HOUR) {
    const wall = wallClock(timezone, t);
    const key = `${wall.date} ${wall.minuteOfDay}`;
    if (wall.minuteOfDay % stepMinutes !== 0 || seen.has(key)) continue;
    seen.add(key);
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
