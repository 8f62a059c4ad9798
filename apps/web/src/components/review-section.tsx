import { Alert, Box, Button, Flex, Stack, Text, Title } from '@mantine/core';
import type { ReviewView } from '@makeries/shared';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../app/api';
import { reviewsInput, type ReviewTarget } from '../app/inputs';
import { ReviewItem } from './review-item';
import { ReviewSummary } from './review-summary';

/**
 * Reviews of a shop or a product: the figures and the first page come from the loader (in the HTML); "Show more"
 * fetches further pages in the browser.
 */
export function ReviewSection({ target, title }: { target: ReviewTarget; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useSuspenseQuery(trpc.reviews.summary.queryOptions(target)).data;
  const first = useSuspenseQuery(trpc.reviews.list.queryOptions(reviewsInput(target))).data;
  const [more, setMore] = useState<ReviewView[]>([]);
  const [cursor, setCursor] = useState<string | null>(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function showMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await queryClient.query(trpc.reviews.list.queryOptions(reviewsInput(target, cursor)));
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(failureOf(e).message || 'Could not load more reviews. Check your connection and try again.');
    } finally {
      setLoading(false);
    }
  }

  const items = [...first.items, ...more];
  return (
    <section aria-labelledby="reviews-title">
      <Title id="reviews-title" order={2} size="h3" mb="sm">
        {title}
      </Title>
      {summary.count === 0 ? (
        <Text c="dimmed">No reviews yet. Reviews come from customers who collected or received an order here.</Text>
      ) : (
        <Flex direction={{ base: 'column', sm: 'row' }} gap={{ base: 'md', sm: 40 }} align="flex-start">
          <Box w={{ base: '100%', sm: 260 }} style={{ flex: 'none' }}>
            <ReviewSummary summary={summary} />
          </Box>
          <Stack gap={0} aria-label="Latest reviews" style={{ flex: 1, minWidth: 0 }} w="100%">
            {items.map((r) => (
              <ReviewItem key={r.id} review={r} showProduct={'vendorId' in target} />
            ))}
            {error && (
              <Alert color="red" variant="light" role="alert" mt="xs">
                {error}
              </Alert>
            )}
            {cursor && (
              <Button variant="default" mt="sm" onClick={() => void showMore()} loading={loading} style={{ alignSelf: 'flex-start' }}>
                Show more reviews
              </Button>
            )}
          </Stack>
        </Flex>
      )}
    </section>
  );
}
