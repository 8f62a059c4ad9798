import { formatDate, type RatingSummary } from '@makeries/shared';
import { market } from './market';

/** "4.5 out of 5 stars from 12 reviews" — what a screen reader hears for a rating. */
export function ratingLabel(summary: Pick<RatingSummary, 'average' | 'count'>): string {
  if (summary.count === 0 || summary.average === null) return 'No reviews yet';
  const reviews = summary.count === 1 ? '1 review' : `${summary.count} reviews`;
  return `${summary.average.toFixed(1)} out of 5 stars from ${reviews}`;
}

/** Percentages of each star count (5 stars first), rounded, for the distribution bars. */
export function distributionRows(summary: RatingSummary): { stars: number; count: number; percent: number }[] {
  return [5, 4, 3, 2, 1].map((stars) => {
    const count = summary.distribution[stars - 1] ?? 0;
    return { stars, count, percent: summary.count === 0 ? 0 : Math.round((count * 100) / summary.count) };
  });
}

/** schema.org AggregateRating for JSON-LD; nothing when there are no reviews (Google rejects a zero count). */
export function aggregateRatingLd(summary: RatingSummary): Record<string, unknown> {
  if (summary.count === 0 || summary.average === null) return {};
  return {
    aggregateRating: {
      '@type': 'AggregateRating',
      ratingValue: summary.average.toFixed(1),
      reviewCount: summary.count,
      bestRating: 5,
      worstRating: 1,
    },
  };
}

/** "12 Mar 2026" */
export function reviewDate(iso: string): string {
  return formatDate(iso, 'dayMonthYear', { timeZone: market().timezone });
}

/** Where a signed-out visitor goes to sign in and come straight back. */
export function signInHref(returnTo: string): string {
  const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  return `/account?next=${encodeURIComponent(safe)}`;
}
