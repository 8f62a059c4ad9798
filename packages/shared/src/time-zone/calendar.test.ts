import { describe, expect, it } from 'vitest';
import { formatCalendarDate } from '../format/format';
import { addDays, daysBetween, isLocalDate, startOfMonth, startOfWeek, weekdayOf } from './index';

describe('local calendar dates', () => {
  it('knows which dates exist', () => {
    expect(['2024-02-29', '2025-12-31', '2025-01-01'].map(isLocalDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-01', '1 May', ''].map(isLocalDate)).toEqual([false, false, false, false, false, false]);
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
  });

  it('adds and counts whole days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    // the day the clocks change in London is still one calendar day
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('starts weeks on Monday and months on the 1st, and names weekdays 0 = Sunday', () => {
    expect(startOfWeek('2025-03-30')).toBe('2025-03-24'); // a Sunday belongs to the week before
    expect(startOfWeek('2025-03-31')).toBe('2025-03-31'); // a Monday starts its own
    expect(startOfWeek('2025-01-01')).toBe('2024-12-30'); // across a year
    expect(startOfMonth('2024-02-29')).toBe('2024-02-01');
    expect(['2025-03-30', '2025-03-31', '2025-04-05'].map(weekdayOf)).toEqual([0, 1, 6]);
  });

  it('words a date the same whatever the machine’s own zone', () => {
    expect(formatCalendarDate('2025-05-01', 'weekdayDayMonth', { locale: 'en-GB' })).toBe('Thu 1 May');
    expect(formatCalendarDate('2025-12-31', 'dayMonthYear', { locale: 'en-GB' })).toBe('31 Dec 2025');
  });
});
