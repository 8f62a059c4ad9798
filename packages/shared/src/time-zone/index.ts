export { addDays, daysBetween, isLocalDate, startOfMonth, startOfWeek, weekdayOf, type LocalDate, type Weekday } from './calendar';
export {
  addLocalDays,
  instantAt,
  localDateIn,
  localPeriod,
  localSpan,
  startOfLocalDay,
  wallClock,
  weekdayIn,
  type InstantLike,
  type LocalSpan,
  type WallClock,
} from './zoned';
