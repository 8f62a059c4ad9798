import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS, describeDelay, pollDelay, POLL_MAX_MS, POLL_MIN_MS } from './backoff';

describe('backoffDelay (full jitter)', () => {
  it('doubles the ceiling per failure from 1 s and never exceeds 60 s', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => Math.round(backoffDelay(n, top) / 1000))).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(backoffDelay(1_000, top)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('spreads retries anywhere below the ceiling, with a small floor so nothing spins', () => {
    expect(backoffDelay(6, () => 0.5)).toBe(16_000);
    expect(backoffDelay(6, () => 0)).toBe(200);
    expect(backoffDelay(3, () => Number.NaN)).toBe(200);
  });
});

describe('pollDelay', () => {
  it('polls every 30 to 60 seconds', () => {
    expect(pollDelay(() => 0)).toBe(POLL_MIN_MS);
    expect(pollDelay(() => 0.5)).toBe(45_000);
    expect(pollDelay(() => 0.999_999)).toBeLessThan(POLL_MAX_MS);
    expect(pollDelay(() => 7)).toBe(POLL_MAX_MS);
  });
});

describe('describeDelay', () => {
  it('says seconds, then minutes', () => {
    expect(describeDelay(200)).toBe('1 s');
    expect(describeDelay(8_400)).toBe('8 s');
    expect(describeDelay(60_000)).toBe('60 s');
    expect(describeDelay(120_000)).toBe('2 min');
  });
});
