import { describe, expect, it } from 'vitest';
import { wallClock } from '@makeries/shared';
import { reportRangeInput, resolveRange } from './range';

const at = (iso: string) => Date.parse(iso);

describe('report ranges in the shop’s time zone', () => {
  it('covers a whole local day, including the 23-hour day when the clocks go forward', () => {
    const r = resolveRange({ from: '2025-03-30', to: '2025-03-30' }, 'Europe/London', at('2025-04-02T12:00:00Z'));
    expect(r).toMatchObject({ days: ['2025-03-30'], startIso: '2025-03-30T00:00:00.000Z', endIso: '2025-03-30T23:00:00.000Z' });
    const autumn = resolveRange({ from: '2025-10-26', to: '2025-10-26' }, 'Europe/London', at('2025-10-27T12:00:00Z'));
    expect(autumn).toMatchObject({ startIso: '2025-10-25T23:00:00.000Z', endIso: '2025-10-27T00:00:00.000Z' });
  });

  it('reads "today" from the shop’s wall clock, ahead of or behind UTC', () => {
    // 06:30 UTC is still 23:30 the evening before in California, and already the afternoon in Auckland
    const now = at('2025-06-10T06:30:00Z');
    expect(resolveRange({ preset: 'today' }, 'America/Los_Angeles', now)).toMatchObject({ from: '2025-06-09', startIso: '2025-06-09T07:00:00.000Z' });
    expect(resolveRange({ preset: 'today' }, 'Pacific/Auckland', now)).toMatchObject({ from: '2025-06-10', startIso: '2025-06-09T12:00:00.000Z' });
    expect(resolveRange({ preset: 'thisMonth' }, 'Pacific/Auckland', at('2025-06-30T13:00:00Z'))).toMatchObject({ from: '2025-07-01', to: '2025-07-01' });
    expect(wallClock('Europe/London', at('2025-05-01T22:30:00Z'))).toMatchObject({ date: '2025-05-01', hour: 23 });
  });

  it('refuses ranges that are backwards, too long or not dates', () => {
    const bad = (range: unknown) => reportRangeInput.safeParse(range).success;
    expect(bad({ from: '2025-05-01', to: '2025-05-01' })).toBe(true);
    expect(bad({ from: '2025-05-02', to: '2025-05-01' })).toBe(false);
    expect(bad({ from: '2025-02-29', to: '2025-03-01' })).toBe(false);
    expect(bad({ from: '2024-01-01', to: '2024-12-31' })).toBe(true);
    expect(bad({ from: '2024-01-01', to: '2025-01-01' })).toBe(false);
    expect(bad({ preset: 'lastYear' })).toBe(false);
  });
});
