import { describe, expect, it } from 'vitest';
import { resolveRange } from './range';

const at = (iso: string) => Date.parse(iso);
const hours = (r: { startIso: string; endIso: string }) => (Date.parse(r.endIso) - Date.parse(r.startIso)) / 3_600_000;

describe('report ranges on the days the clocks change', () => {
  it('"today" is 23 hours long when the clocks go forward and 25 when they go back', () => {
    const cases: [string, string, number, string, string][] = [
      ['Europe/London', '2025-03-30T12:00:00Z', 23, '2025-03-30T00:00:00.000Z', '2025-03-30T23:00:00.000Z'],
      ['Europe/London', '2025-10-26T12:00:00Z', 25, '2025-10-25T23:00:00.000Z', '2025-10-27T00:00:00.000Z'],
      ['America/New_York', '2025-03-09T12:00:00Z', 23, '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z'],
      ['America/New_York', '2025-11-02T12:00:00Z', 25, '2025-11-02T04:00:00.000Z', '2025-11-03T05:00:00.000Z'],
      // south of the equator: forward in October, back in April
      ['Australia/Sydney', '2025-10-05T01:00:00Z', 23, '2025-10-04T14:00:00.000Z', '2025-10-05T13:00:00.000Z'],
      ['Australia/Sydney', '2025-04-06T01:00:00Z', 25, '2025-04-05T13:00:00.000Z', '2025-04-06T14:00:00.000Z'],
      ['Asia/Kolkata', '2025-03-30T12:00:00Z', 24, '2025-03-29T18:30:00.000Z', '2025-03-30T18:30:00.000Z'],
    ];
    for (const [tz, now, length, startIso, endIso] of cases) {
      const r = resolveRange({ preset: 'today' }, tz, at(now));
      expect({ tz, length: hours(r), startIso: r.startIso, endIso: r.endIso }).toEqual({ tz, length, startIso, endIso });
    }
  });

  it('"yesterday" is the 25-hour day when today follows it', () => {
    const r = resolveRange({ preset: 'yesterday' }, 'America/New_York', at('2025-11-03T15:00:00Z'));
    expect(r).toMatchObject({ from: '2025-11-02', to: '2025-11-02', days: ['2025-11-02'] });
    expect(hours(r)).toBe(25);
  });

  it('seven days across a change are 7 × 24 − 1 hours, and every local day is listed once', () => {
    const r = resolveRange({ preset: 'last7' }, 'Europe/London', at('2025-04-02T09:00:00Z'));
    expect(r.days).toEqual(['2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02']);
    expect(r).toMatchObject({ startIso: '2025-03-27T00:00:00.000Z', endIso: '2025-04-02T23:00:00.000Z' });
    expect(hours(r)).toBe(167);
  });

  it('"this month" starts at the shop’s first midnight of the month, in the shop’s summer or winter time', () => {
    const sydney = resolveRange({ preset: 'thisMonth' }, 'Australia/Sydney', at('2025-10-20T03:00:00Z'));
    expect(sydney).toMatchObject({ from: '2025-10-01', to: '2025-10-20', startIso: '2025-09-30T14:00:00.000Z', endIso: '2025-10-20T13:00:00.000Z' });
    const london = resolveRange({ from: '2025-10-01', to: '2025-10-31' }, 'Europe/London', at('2025-11-05T12:00:00Z'));
    expect(london).toMatchObject({ startIso: '2025-09-30T23:00:00.000Z', endIso: '2025-11-01T00:00:00.000Z' });
    expect(hours(london)).toBe(31 * 24 + 1);
  });
});
