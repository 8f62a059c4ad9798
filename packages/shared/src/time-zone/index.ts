export { addDays, daysBetween, isLocalDate, startOfMonth, startOfWeek, weekdayOf } from './calendar';
export type { LocalDate, Weekday } from './local-date';
export { localDateIn, wallClock, weekdayIn, type InstantLike, type WallClock } from './wall-clock';
export { addLocalDays, instantAt, localPeriod, localSpan, startOfLocalDay, type LocalSpan } from './zoned';
