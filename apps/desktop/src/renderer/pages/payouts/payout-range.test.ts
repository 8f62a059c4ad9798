import { describe, expect, it } from 'vitest';
import { payoutDates } from './payout-range';

describe('payout dates are the shop’s calendar days, whatever the laptop’s clock says', () => {
  // 20:00 UTC on Tuesday 10 June 2025 is already Wednesday morning in Auckland and still Tuesday noon in Los Angeles
  const now = new Date('2025-06-10T20:00:00Z');

  it('reads today, yesterday, the last seven days and this month in the shop’s zone', () => {
    expect(payoutDates({ preset: 'today' }, 'Pacific/Auckland', now)).toEqual({ from: '2025-06-11', to: '2025-06-11' });
    expect(payoutDates({ preset: 'today' }, 'America/Los_Angeles', now)).toEqual({ from: '2025-06-10', to: '2025-06-10' });
    expect(payoutDates({ preset: 'yesterday' }, 'Pacific/Auckland', now)).toEqual({ from: '2025-06-10', to: '2025-06-10' });
    expect(payoutDates({ preset: 'last7' }, 'Pacific/Auckland', now)).toEqual({ from: '2025-06-05', to: '2025-06-11' });
    expect(payoutDates({ preset: 'thisMonth' }, 'Pacific/Auckland', new Date('2025-06-30T13:00:00Z'))).toEqual({ from: '2025-07-01', to: '2025-07-01' });
  });

  it('passes chosen dates through as they are', () => {
    expect(payoutDates({ from: '2025-03-01', to: '2025-03-31' }, 'Europe/London', now)).toEqual({ from: '2025-03-01', to: '2025-03-31' });
  });
});
