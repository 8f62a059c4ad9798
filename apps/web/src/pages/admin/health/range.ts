import { addDays, healthSummaryInput, localDateIn, type HealthGrain } from '@makeries/shared';

export interface HealthRange {
  from: string;
  to: string;
  by: HealthGrain;
}

/** The range in the page's address (`?from=&to=&by=`), or the last 30 days by day in the market's time zone. */
export function rangeFromSearch(search: URLSearchParams, timezone: string, now: Date = new Date()): HealthRange {
  const today = localDateIn(timezone, now);
  const wanted = { from: search.get('from') ?? addDays(today, -29), to: search.get('to') ?? today, by: search.get('by') ?? 'day' };
  const parsed = healthSummaryInput.safeParse(wanted);
  return parsed.success ? parsed.data : { from: addDays(today, -29), to: today, by: 'day' };
}
