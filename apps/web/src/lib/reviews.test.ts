import { describe, expect, it } from 'vitest';
import { aggregateRatingLd, distributionRows, ratingLabel, signInHref } from './reviews';

describe('review figures', () => {
  const summary = { count: 4, average: 4.3, distribution: [0, 0, 1, 1, 2] as [number, number, number, number, number] };

  it('reads a rating aloud and says so when there are none', () => {
    expect(ratingLabel(summary)).toBe('4.3 out of 5 stars from 4 reviews');
    expect(ratingLabel({ count: 1, average: 5 })).toBe('5.0 out of 5 stars from 1 review');
    expect(ratingLabel({ count: 0, average: null })).toBe('No reviews yet');
  });

  it('lists five-star reviews first with their share of the total', () => {
    expect(distributionRows(summary)).toEqual([
      { stars: 5, count: 2, percent: 50 },
      { stars: 4, count: 1, percent: 25 },
      { stars: 3, count: 1, percent: 25 },
      { stars: 2, count: 0, percent: 0 },
      { stars: 1, count: 0, percent: 0 },
    ]);
    expect(distributionRows({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] }).every((r) => r.percent === 0)).toBe(true);
  });

  it('adds aggregateRating to structured data only when there are reviews', () => {
    expect(aggregateRatingLd(summary)).toEqual({
      aggregateRating: { '@type': 'AggregateRating', ratingValue: '4.3', reviewCount: 4, bestRating: 5, worstRating: 1 },
    });
    expect(aggregateRatingLd({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] })).toEqual({});
  });

  it('sends signed-out visitors to sign in and back to the same page, never off-site', () => {
    expect(signInHref('/v/crumb-and-co')).toBe('/account?next=%2Fv%2Fcrumb-and-co');
    expect(signInHref('//evil.example')).toBe('/account?next=%2F');
  });
});
