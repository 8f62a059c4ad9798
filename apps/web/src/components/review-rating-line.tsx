import { Anchor } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../app/api';
import { ReviewStars } from './review-stars';

/** Stars and count under a page title, linking to the reviews further down; nothing without reviews. */
export function ReviewRatingLine(target: { vendorId: string } | { productId: string }) {
  const trpc = useTRPC();
  const key = 'vendorId' in target ? { vendorId: target.vendorId } : { productId: target.productId };
  const summary = useSuspenseQuery(trpc.reviews.summary.queryOptions(key)).data;
  if (summary.count === 0 || summary.average === null) return null;
  return (
    <Anchor href="#reviews-title" underline="never" c="dark" style={{ alignSelf: 'flex-start' }}>
      <ReviewStars value={summary.average} count={summary.count} />
    </Anchor>
  );
}
