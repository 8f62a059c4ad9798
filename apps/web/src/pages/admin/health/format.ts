/**
 * Dates and counts in the market's locale and time zone, so the server render and the browser write the same text
 * (no hydration mismatch) whatever the operator's own settings.
 */
export interface HealthFormat {
  when: (iso: string | null) => string;
  count: (n: number) => string;
}

export function healthFormat(locale: string, timeZone: string): HealthFormat {
  const dt = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const nf = new Intl.NumberFormat(locale);
  return { when: (iso) => (iso ? dt.format(new Date(iso)) : 'never'), count: (n) => nf.format(n) };
}
